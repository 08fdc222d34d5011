using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // TCP input for a connection: the entry point of SEGMENT ARRIVES and the helpers every state uses.
    internal sealed partial class TcpConnection
    {
        /// <summary>
        /// process: SEGMENT ARRIVES (RFC 9293 §3.10.7) for this connection; the stack has validated and
        /// demultiplexed the segment (the LISTEN and CLOSED rows are the stack's, Tcp/Listen.cs and Tcp/ClosedPort.cs).
        /// </summary>
        public void Process(Segment seg)
        {
            if (State == TcpState.SynSent) SynSentInput(seg);
            else SynchronizedInput(seg);
        }

        /// <summary>Takes the send window from a segment that passed the RFC 9293 §3.10.7.4 window-update test.</summary>
        private void AcceptWindow(Segment seg)
        {
            int[] v = _v;
            int window = seg.Window;
            v[VSndWnd] = window;
            v[VSndWl1] = (int)seg.Seq;
            v[VSndWl2] = (int)seg.Ack;
            if (window > v[VMaxSndWnd]) v[VMaxSndWnd] = window;
            if (window > 0)
            {
                // The bit first: a running persist timer is rare, and the test saves a call per segment.
                if ((_flags & (FlagTimer0 << TcpTimers.Persist)) != 0) StopTimer(TcpTimers.Persist);
                if ((v[VCounters] & PersistShiftMask) != 0) v[VCounters] &= ~PersistShiftMask; // PersistShift = 0 (nearly always already)
            }
        }

        /// <summary>RFC 9293 §3.7.1: honour the peer's MSS, 536 without the option, clamped to sane bounds (S17).</summary>
        private void ApplyPeerMss(int mss)
        {
            int peer = mss < 0 ? _ctx.Config.DefaultPeerMss : mss;
            if (peer < _ctx.Config.MinPeerMss) peer = _ctx.Config.MinPeerMss;
            SendMss = peer < _ctx.Mss ? peer : _ctx.Mss;
            ResetCongestion(SendMss, Iss);
        }

    }
}
