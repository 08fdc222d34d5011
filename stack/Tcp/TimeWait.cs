using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // TIME-WAIT (RFC 9293 §3.6.1, §3.10.7.4, §3.10.8): the 2MSL timer (StackConfig.TimeWaitMs, default 60 s),
    // re-ACK of a retransmitted FIN with a timer restart (S39), RST ignored (RFC 1337, S40), a new SYN may reopen the
    // 4-tuple when its sequence number is beyond the old RCV.NXT (RFC 6191, S42), and the slot reuse policy: when every
    // slot is busy, the connection that has been in TIME-WAIT the longest is reclaimed (NetworkStack.Tcp.cs).
    internal sealed partial class TcpConnection
    {
        /// <summary>
        /// A retransmitted FIN (our ACK of it was lost) is ACKed again and restarts the 2MSL timer (RFC 9293
        /// §3.10.7.4 eighth step, S39). Returns true when the segment was that FIN. Its ACK must cover our FIN
        /// (fifth step: the peer's FIN in TIME-WAIT acknowledges ours); any other one is not a retransmission of
        /// that FIN and goes through the ordinary checks without touching the timer.
        /// </summary>
        private bool TimeWaitFinRepeated(Segment seg)
        {
            if (!seg.Has(TcpFlags.Fin) || seg.Has(TcpFlags.Rst) || seg.Seq + (uint)seg.Length != RcvNxt) return false;
            if (!seg.Has(TcpFlags.Ack) || seg.Ack != SndMax) return false;
            AckNow = true;
            ArmTimer(TcpTimers.Close, _ctx.Now + _ctx.Config.TimeWaitMs);
            return true;
        }

        /// <summary>RFC 1337: a RST must not end TIME-WAIT early ("TIME-WAIT assassination", S40).</summary>
        private void TimeWaitIgnoresReset(Segment seg)
        {
            _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
        }

        /// <summary>2MSL have passed: the connection is CLOSED and the slot is free (S41).</summary>
        private void TimeWaitExpired()
        {
            EnterClosed(TcpError.None);
        }

        /// <summary>
        /// A TIME-WAIT slot may be taken over only when the application no longer holds its handle: after a
        /// half-close the application may still have unread data in it, which must not vanish.
        /// </summary>
        public bool Reclaimable { get { return !UserOwned || UserClosed; } }

        /// <summary>Enters TIME-WAIT: every other timer stops, the 2MSL timer starts (<see cref="Since"/> orders reclaiming).</summary>
        private void EnterTimeWait()
        {
            StopTimers();
            SetState(TcpState.TimeWait);
            Since = (int)_ctx.Now;
            ArmTimer(TcpTimers.Close, _ctx.Now + _ctx.Config.TimeWaitMs);
        }

        /// <summary>
        /// RFC 6191 / RFC 1122 4.2.2.13: a SYN for a 4-tuple in TIME-WAIT may reopen it when a listener exists (checked by the stack) and
        /// the new SYN's sequence number is beyond the old RCV.NXT (so old duplicates cannot be confused).
        /// </summary>
        public bool TimeWaitAllowsReopen(Segment seg)
        {
            return State == TcpState.TimeWait && seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && SequenceNumber.Gt(seg.Seq, RcvNxt) &&
                   Reclaimable;
        }
    }
}
