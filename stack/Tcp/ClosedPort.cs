using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // CLOSED (RFC 9293 §3.10.7.1): a segment for no connection and no listener is answered with a RST
    // (S20, S21), never a RST with a RST (S22).
    public sealed partial class NetworkStack
    {
        /// <summary>RFC 9293 §3.10.7.1: no connection. Answer with a RST unless the segment is one.</summary>
        private void ClosedInput(Segment seg)
        {
            Drop(DropReason.TcpNoConnection, seg.Buffer, 0, 0);
            if (seg.Has(TcpFlags.Rst)) return;
            if (seg.Has(TcpFlags.Ack)) SendReset(seg.Buffer, seg.SourceMacOffset, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
            else SendReset(seg.Buffer, seg.SourceMacOffset, seg.SourceIp, seg.DestinationPort, seg.SourcePort, 0, seg.Seq + (uint)seg.Length, true);
        }

        /// <summary>Sends a RST (with ACK when <paramref name="withAck"/>) straight to a MAC address.</summary>
        private void SendReset(byte[] mac, int macOffset, uint ip, int localPort, int remotePort, uint seq, uint ack, bool withAck)
        {
            int flags = TcpFlags.Rst | (withAck ? TcpFlags.Ack : 0);
            TcpHeader.Write(_tx, IpPayloadOffset, localPort, remotePort, seq, withAck ? ack : 0, flags, 0, 0, 0, _ip, ip);
            if (TransmitIpv4(mac, macOffset, Ipv4Packet.ProtocolTcp, ip, TcpHeader.MinLength))
            {
                _counters.TcpRstSent++;
                _counters.TcpSegmentsSent++;
            }
            else Drop(DropReason.LinkTransmitFailed, _tx, 0, IpPayloadOffset + TcpHeader.MinLength);
        }
    }
}
