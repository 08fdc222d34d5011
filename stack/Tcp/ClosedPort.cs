using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    /// <summary>
    /// CLOSED (RFC 9293 §3.10.7.1): a segment for no connection and no listener is answered with a RST
    /// (S20, S21), never a RST with a RST (S22). Also the one RST writer every TCP path uses.
    /// </summary>
    internal static class ClosedPort
    {
        /// <summary>RFC 9293 §3.10.7.1: no connection. Answer with a RST unless the segment is one.</summary>
        public static void Input(StackContext ctx, Segment seg)
        {
            ctx.Drop(DropReason.TcpNoConnection, seg.Buffer, 0, 0);
            if (seg.Has(TcpFlags.Rst)) return;
            if (seg.Has(TcpFlags.Ack)) SendReset(ctx, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
            else SendReset(ctx, seg.SourceIp, seg.DestinationPort, seg.SourcePort, 0, seg.Seq + (uint)seg.Length, true);
        }

        /// <summary>
        /// Sends a RST (with ACK when <paramref name="withAck"/>) through the IPv4 egress path; returns the egress
        /// status (<see cref="NetworkInterface.Sent"/>, <see cref="NetworkInterface.Waiting"/> while the next hop is
        /// being resolved, …).
        /// </summary>
        public static int SendReset(StackContext ctx, uint ip, int localPort, int remotePort, uint seq, uint ack, bool withAck)
        {
            NetworkInterface nic = ctx.Interface;
            int flags = TcpFlags.Rst | (withAck ? TcpFlags.Ack : 0);
            TcpHeader.Write(nic.Tx, localPort, remotePort, seq, withAck ? ack : 0, flags, 0, 0, 0, nic.Ip, ip);
            int status = nic.SendIpv4(ip, Ipv4Packet.ProtocolTcp, TcpHeader.MinLength);
            if (status != NetworkInterface.Sent) return status;
            ctx.Counters.TcpRstSent++;
            ctx.Counters.TcpSegmentsSent++;
            return status;
        }
    }
}
