using System;
using System.IO;
using System.Text;

namespace NanoTcp.VirtualBoard.Trace
{
    /// <summary>
    /// <c>--trace</c>: draws every TCP connection as the textbook ladder. One line per segment (direction, flags,
    /// sequence and acknowledgment numbers, window, payload length, MSS/window-scale options), and one line per
    /// state transition on each side: nanoTcp's as the stack reports them, the peer's inferred from the segments
    /// (<see cref="PeerStateInference"/>). Left is the peer, right is nanoTcp. With relative numbering each
    /// direction counts from its ISN, as Wireshark shows by default. Tracing allocates (it formats text); with
    /// no tracer attached the stack pays nothing.
    /// </summary>
    public sealed class LadderTracer : IStackTracer
    {
        private const int Connections = 64;
        private const int ArrowWidth = 62;

        private readonly TextWriter _out;
        private readonly bool _relative;
        private readonly Func<int, TcpConnectionInfo> _lookup;
        private readonly Conversation[] _table = new Conversation[Connections];
        private readonly StringBuilder _line = new StringBuilder(200);
        private int _nextId = 1;
        private long _clock;
        private long _startMs = -1;
        private Conversation _lastReceived;

        /// <summary>
        /// Writes the ladder to <paramref name="output"/>. <paramref name="lookup"/> finds a connection's endpoints
        /// from its handle (the board passes a search over <c>GetConnectionInfo</c>); it may return null.
        /// </summary>
        public LadderTracer(TextWriter output, bool relativeSequenceNumbers, Func<int, TcpConnectionInfo> lookup)
        {
            _out = output;
            _relative = relativeSequenceNumbers;
            _lookup = lookup;
            for (int i = 0; i < _table.Length; i++) _table[i] = new Conversation();
        }

        /// <summary>Writes the column legend (call once before traffic).</summary>
        public void WriteHeader()
        {
            _out.WriteLine("# ladder: left = peer (states inferred from segments), right = nanoTcp; " +
                           (_relative ? "relative" : "absolute") + " sequence numbers; time in seconds");
        }

        /// <inheritdoc />
        public void FrameReceived(byte[] frame, int offset, int length, long nowMs)
        {
            if (!TcpSegmentSummary.TryRead(frame, offset, length, out TcpSegmentSummary s)) return;
            Conversation c = Find(s.DestinationIp, s.DestinationPort, s.SourceIp, s.SourcePort, s.Has(TcpSegmentSummary.Syn) && !s.Has(TcpSegmentSummary.Ack));
            if (s.Has(TcpSegmentSummary.Syn)) c.PeerBase = s.Sequence;
            else if (!c.PeerBaseKnown) c.PeerBase = s.Sequence;
            c.PeerBaseKnown = true;
            if (!c.OurBaseKnown && s.Has(TcpSegmentSummary.Ack)) { c.OurBase = s.Acknowledgment - 1; c.OurBaseKnown = true; }
            _lastReceived = c;
            c.Segments++;
            WriteSegment(c, ref s, true, nowMs);
            TcpState before = c.Peer.State;
            c.Peer.PeerSent(ref s);
            WritePeerTransition(c, before, nowMs);
        }

        /// <inheritdoc />
        public void FrameSent(byte[] frame, int offset, int length, bool accepted, long nowMs)
        {
            if (!TcpSegmentSummary.TryRead(frame, offset, length, out TcpSegmentSummary s)) return;
            Conversation c = Find(s.SourceIp, s.SourcePort, s.DestinationIp, s.DestinationPort, s.Has(TcpSegmentSummary.Syn) && !s.Has(TcpSegmentSummary.Ack));
            if (s.Has(TcpSegmentSummary.Syn) || !c.OurBaseKnown) { c.OurBase = s.Sequence; c.OurBaseKnown = true; }
            if (!c.PeerBaseKnown && s.Has(TcpSegmentSummary.Ack)) { c.PeerBase = s.Acknowledgment - 1; c.PeerBaseKnown = true; }
            c.Segments++;
            WriteSegment(c, ref s, false, nowMs);
            if (!accepted) Emit(c, nowMs, "   (link refused the frame)");
            TcpState before = c.Peer.State;
            if (accepted) c.Peer.WeSent(ref s);
            WritePeerTransition(c, before, nowMs);
        }

        /// <inheritdoc />
        public void FrameDropped(DropReason reason, byte[] frame, int offset, int length, long nowMs)
        {
            if (!TcpSegmentSummary.TryRead(frame, offset, length, out TcpSegmentSummary s)) return;
            Conversation c = Find(s.DestinationIp, s.DestinationPort, s.SourceIp, s.SourcePort, false);
            Emit(c, nowMs, new string(' ', 24 + ArrowWidth) + "  dropped: " + reason);
        }

        /// <inheritdoc />
        public void TcpStateChanged(int handle, TcpState from, TcpState to, long nowMs)
        {
            Conversation c = ByHandle(handle);
            string text = new string(' ', 24 + ArrowWidth) + "  " + Name(from) + " -> " + Name(to);
            if (c == null) _out.WriteLine(Time(nowMs) + " h" + handle + text);
            else Emit(c, nowMs, text);
            if (c != null && to == TcpState.Closed) c.Handle = -1;
        }

        /// <summary>The RFC 9293 spelling of a state ("SYN-RECEIVED").</summary>
        public static string Name(TcpState state)
        {
            switch (state)
            {
                case TcpState.Closed: return "CLOSED";
                case TcpState.Listen: return "LISTEN";
                case TcpState.SynSent: return "SYN-SENT";
                case TcpState.SynReceived: return "SYN-RECEIVED";
                case TcpState.Established: return "ESTABLISHED";
                case TcpState.FinWait1: return "FIN-WAIT-1";
                case TcpState.FinWait2: return "FIN-WAIT-2";
                case TcpState.CloseWait: return "CLOSE-WAIT";
                case TcpState.Closing: return "CLOSING";
                case TcpState.LastAck: return "LAST-ACK";
                case TcpState.TimeWait: return "TIME-WAIT";
                default: return state.ToString();
            }
        }

        private void WriteSegment(Conversation c, ref TcpSegmentSummary s, bool fromPeer, long nowMs)
        {
            uint seqBase = fromPeer ? c.PeerBase : c.OurBase;
            uint ackBase = fromPeer ? c.OurBase : c.PeerBase;
            var label = new StringBuilder(ArrowWidth);
            label.Append('[').Append(Flags(s.Flags)).Append("] seq=").Append(_relative ? s.Sequence - seqBase : s.Sequence);
            if (s.Has(TcpSegmentSummary.Ack)) label.Append(" ack=").Append(_relative ? s.Acknowledgment - ackBase : s.Acknowledgment);
            label.Append(" win=").Append(s.Window).Append(" len=").Append(s.PayloadLength);
            if (s.Mss != 0) label.Append(" mss=").Append(s.Mss);
            if (s.WindowScale >= 0) label.Append(" ws=").Append(s.WindowScale);
            label.Append(' ');
            _line.Clear();
            _line.Append(Endpoint(c.PeerIp, c.PeerPort).PadRight(22));
            _line.Append(fromPeer ? "--" : "<--").Append(label);
            int pad = ArrowWidth - _line.Length + 22 - (fromPeer ? 3 : 2);
            if (pad > 0) _line.Append('-', pad);
            _line.Append(fromPeer ? "-->" : "--").Append("  ").Append(Endpoint(c.OurIp, c.OurPort));
            Emit(c, nowMs, _line.ToString());
        }

        private void WritePeerTransition(Conversation c, TcpState before, long nowMs)
        {
            if (c.Peer.State != before)
                Emit(c, nowMs, Name(before) + " -> " + Name(c.Peer.State) + " (inferred)");
        }

        private void Emit(Conversation c, long nowMs, string text)
        {
            _out.WriteLine(Time(nowMs) + " #" + c.Id.ToString().PadRight(4) + text);
        }

        private string Time(long nowMs)
        {
            if (_startMs < 0) _startMs = nowMs;
            return ((nowMs - _startMs) / 1000.0).ToString("0.000").PadLeft(10);
        }

        private static string Flags(int f)
        {
            var b = new StringBuilder(16);
            if ((f & TcpSegmentSummary.Syn) != 0) b.Append("SYN,");
            if ((f & TcpSegmentSummary.Fin) != 0) b.Append("FIN,");
            if ((f & TcpSegmentSummary.Rst) != 0) b.Append("RST,");
            if ((f & TcpSegmentSummary.Psh) != 0) b.Append("PSH,");
            if ((f & TcpSegmentSummary.Ack) != 0) b.Append("ACK,");
            if ((f & TcpSegmentSummary.Urg) != 0) b.Append("URG,");
            if ((f & TcpSegmentSummary.Ece) != 0) b.Append("ECE,");
            if ((f & TcpSegmentSummary.Cwr) != 0) b.Append("CWR,");
            if (b.Length > 0) b.Length--;
            return b.ToString();
        }

        private static string Endpoint(uint ip, int port) => Ip4.ToString(ip) + ":" + port;

        private Conversation Find(uint ourIp, int ourPort, uint peerIp, int peerPort, bool synWithoutAck)
        {
            Conversation match = null, oldest = _table[0];
            for (int i = 0; i < _table.Length; i++)
            {
                Conversation c = _table[i];
                if (c.Id != 0 && c.OurIp == ourIp && c.OurPort == ourPort && c.PeerIp == peerIp && c.PeerPort == peerPort) match = c;
                if (c.LastUse < oldest.LastUse) oldest = c;
            }
            // A SYN on a tuple whose last conversation ended starts a new one (TIME-WAIT reuse).
            bool ended = match != null && match.Segments > 0 &&
                         (match.Peer.State == TcpState.Closed || match.Peer.State == TcpState.TimeWait);
            if (match == null || (synWithoutAck && ended))
            {
                match = match ?? oldest;
                match.Id = _nextId++;
                match.OurIp = ourIp; match.OurPort = ourPort; match.PeerIp = peerIp; match.PeerPort = peerPort;
                match.OurBaseKnown = match.PeerBaseKnown = false;
                match.Handle = -1;
                match.Segments = 0;
                match.Peer.Reset(TcpState.Closed);
            }
            match.LastUse = ++_clock;
            return match;
        }

        private Conversation ByHandle(int handle)
        {
            for (int i = 0; i < _table.Length; i++)
                if (_table[i].Id != 0 && _table[i].Handle == handle) return _table[i];
            TcpConnectionInfo info = _lookup?.Invoke(handle);
            Conversation c = null;
            if (info != null) c = Find(info.LocalIp, info.LocalPort, info.RemoteIp, info.RemotePort, false);
            else if (_lastReceived != null && _lastReceived.Handle == -1) c = _lastReceived;
            if (c != null) c.Handle = handle;
            return c;
        }

        private sealed class Conversation
        {
            public int Id;
            public long LastUse;
            public uint OurIp, PeerIp;
            public int OurPort, PeerPort;
            public uint OurBase, PeerBase;
            public bool OurBaseKnown, PeerBaseKnown;
            public int Handle = -1;
            public int Segments;
            public PeerStateInference Peer;
        }
    }
}
