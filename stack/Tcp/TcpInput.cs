using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // TCP input: validation, demultiplexing, and the CLOSED and LISTEN rows of RFC 9293 §3.10.7.1–§3.10.7.2.
    public sealed partial class NetworkStack
    {
        private void ProcessTcp(EthernetFrame frame, Ipv4Packet ip)
        {
            var tcp = new TcpHeader(frame.Buffer, ip.PayloadOffset, ip.PayloadLength);
            if (!tcp.IsWellFormed)
            {
                Drop(DropReason.TcpMalformed, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (!tcp.HasValidChecksum(ip.Source, ip.Destination))
            {
                Drop(DropReason.TcpChecksum, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            Segment seg = _seg;
            seg.SourceIp = ip.Source;
            seg.SourcePort = tcp.SourcePort;
            seg.DestinationPort = tcp.DestinationPort;
            seg.Seq = tcp.Sequence;
            seg.Ack = tcp.Acknowledgment;
            seg.Flags = tcp.Flags;
            seg.Window = tcp.Window;
            seg.Mss = tcp.MssOption;
            seg.Buffer = frame.Buffer;
            seg.DataOffset = tcp.PayloadOffset;
            seg.DataLength = tcp.PayloadLength;
            seg.SourceMacOffset = frame.SourceOffset;
            // Port 0 is reserved; SYN+RST and SYN+FIN are nonsense combinations (dropped like Linux does).
            if (seg.SourcePort == 0 || seg.DestinationPort == 0 ||
                (seg.Has(TcpFlags.Syn) && (seg.Has(TcpFlags.Rst) || seg.Has(TcpFlags.Fin))))
            {
                Drop(DropReason.TcpInvalid, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            _counters.TcpSegmentsReceived++;
            if (seg.Has(TcpFlags.Rst)) _counters.TcpRstReceived++;

            Tcb t = FindConnection(seg.SourceIp, seg.SourcePort, seg.DestinationPort);
            if (t != null && t.State == TcpState.TimeWait && TimeWaitAllowsReopen(t, seg))
            {
                FreeTcb(t);
                t = null;
            }
            if (t == null)
            {
                int listener = FindListenerByPort(seg.DestinationPort);
                if (listener >= 0) ListenInput(listener, seg);
                else ClosedInput(seg);
            }
            else if (t.State == TcpState.SynSent) SynSentInput(t, seg);
            else SynchronizedInput(t, seg);
        }

        /// <summary>RFC 9293 §3.10.7.1: no connection. Answer with a RST unless the segment is one.</summary>
        private void ClosedInput(Segment seg)
        {
            Drop(DropReason.TcpNoConnection, seg.Buffer, 0, 0);
            if (seg.Has(TcpFlags.Rst)) return;
            if (seg.Has(TcpFlags.Ack)) SendReset(seg.Buffer, seg.SourceMacOffset, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
            else SendReset(seg.Buffer, seg.SourceMacOffset, seg.SourceIp, seg.DestinationPort, seg.SourcePort, 0, seg.Seq + (uint)seg.Length, true);
        }

        /// <summary>RFC 9293 §3.10.7.2: LISTEN. A SYN creates a child connection in SYN-RECEIVED (backlog permitting).</summary>
        private void ListenInput(int listener, Segment seg)
        {
            if (seg.Has(TcpFlags.Rst))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (seg.Has(TcpFlags.Ack))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                SendReset(seg.Buffer, seg.SourceMacOffset, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
                return;
            }
            if (!seg.Has(TcpFlags.Syn))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            // A full backlog drops the SYN silently so the client's retransmission can succeed later (lwIP, Linux).
            if (BacklogCount(listener) >= _listenBacklog[listener])
            {
                Drop(DropReason.TcpBacklogFull, seg.Buffer, 0, 0);
                return;
            }
            Tcb t = AllocateTcb();
            if (t == null)
            {
                Drop(DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                return;
            }
            OpenTcb(t, seg.SourceIp, seg.SourcePort, seg.DestinationPort);
            // Replies go to the MAC the SYN came from (see the ARP policy in NetworkStack.Arp.cs).
            MacAddress.Copy(seg.Buffer, seg.SourceMacOffset, t.NextHopMac, 0);
            t.NextHopKnown = true;
            t.Listener = listener;
            t.BacklogOrder = ++_backlogSequence;
            t.Irs = seg.Seq;
            t.RcvNxt = seg.Seq + 1;
            t.RcvAdvertisedEdge = t.RcvNxt + (uint)MaxWindow(t);
            AcceptWindow(t, seg);
            ApplyPeerMss(t, seg.Mss);
            KeepAliveRestart(t);
            // Data on a SYN is not queued (rare; the peer retransmits it after the handshake).
            SetState(t, TcpState.SynReceived);
        }

        /// <summary>Takes the send window from a segment that passed the RFC 9293 §3.10.7.4 window-update test.</summary>
        private static void AcceptWindow(Tcb t, Segment seg)
        {
            t.SndWnd = seg.Window;
            t.SndWl1 = seg.Seq;
            t.SndWl2 = seg.Ack;
            if (seg.Window > t.MaxSndWnd) t.MaxSndWnd = seg.Window;
            if (seg.Window > 0)
            {
                t.PersistDeadline = Tcb.Off;
                t.PersistShift = 0;
            }
        }

        /// <summary>RFC 9293 §3.7.1: honour the peer's MSS, 536 without the option, clamped to sane bounds (S17).</summary>
        private void ApplyPeerMss(Tcb t, int mss)
        {
            int peer = mss < 0 ? _cfg.DefaultPeerMss : mss;
            if (peer < _cfg.MinPeerMss) peer = _cfg.MinPeerMss;
            t.SendMss = peer < _mss ? peer : _mss;
            t.Congestion.Reset(t.SendMss, t.Iss);
        }

        /// <summary>
        /// RFC 6191 / RFC 1122 4.2.2.13: a SYN for a 4-tuple in TIME-WAIT may reopen it when a listener exists and
        /// the new SYN's sequence number is beyond the old RCV.NXT (so old duplicates cannot be confused).
        /// </summary>
        private bool TimeWaitAllowsReopen(Tcb t, Segment seg)
        {
            return seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && SequenceNumber.Gt(seg.Seq, t.RcvNxt) &&
                   FindListenerByPort(seg.DestinationPort) >= 0;
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
