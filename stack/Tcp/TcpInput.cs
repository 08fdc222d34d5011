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

    }
}
