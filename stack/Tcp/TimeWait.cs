using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // TIME-WAIT (RFC 9293 §3.6.1, §3.10.7.4, §3.10.8): the 2MSL timer (StackConfig.TimeWaitMs, default 60 s),
    // re-ACK of a retransmitted FIN with a timer restart (S39), RST ignored (RFC 1337, S40), a new SYN may reopen the
    // 4-tuple when its sequence number is beyond the old RCV.NXT (RFC 6191, S42), and the slot reuse policy: when every
    // slot is busy, the connection that has been in TIME-WAIT the longest is reclaimed (AllocateTcb).
    public sealed partial class NetworkStack
    {
        /// <summary>
        /// A retransmitted FIN (our ACK of it was lost) is ACKed again and restarts the 2MSL timer (RFC 9293
        /// §3.10.7.4 eighth step, S39). Returns true when the segment was that FIN.
        /// </summary>
        private bool TimeWaitFinRepeated(Tcb t, Segment seg)
        {
            if (!seg.Has(TcpFlags.Fin) || seg.Has(TcpFlags.Rst) || seg.Seq + (uint)seg.Length != t.RcvNxt) return false;
            t.AckNow = true;
            t.CloseDeadline = _now + _cfg.TimeWaitMs;
            return true;
        }

        /// <summary>RFC 1337: a RST must not end TIME-WAIT early ("TIME-WAIT assassination", S40).</summary>
        private void TimeWaitIgnoresReset(Segment seg)
        {
            Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
        }

        /// <summary>2MSL have passed: the connection is CLOSED and the slot is free (S41).</summary>
        private void TimeWaitExpired(Tcb t)
        {
            EnterClosed(t, TcpError.None);
        }

        /// <summary>
        /// A TIME-WAIT slot may be taken over only when the application no longer holds its handle: after a
        /// half-close the application may still have unread data in it, which must not vanish.
        /// </summary>
        private static bool Reclaimable(Tcb t)
        {
            return !t.UserOwned || t.UserClosed;
        }

        /// <summary>
        /// Slot reuse when every slot is busy (RFC 6191 spirit; lwIP's tcp_alloc and uIP do the same): the connection
        /// that has been in TIME-WAIT the longest is freed for the new one. Connections in any other state are never
        /// evicted: a SYN is then dropped (counted, no RST, the client retries) and Connect returns NoFreeSlot.
        /// </summary>
        private Tcb ReclaimOldestTimeWait()
        {
            Tcb oldest = null;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (t.InUse && t.State == TcpState.TimeWait && Reclaimable(t) && (oldest == null || t.TimeWaitSince < oldest.TimeWaitSince)) oldest = t;
            }
            if (oldest == null) return null;
            _counters.TcpTimeWaitReclaimed++;
            FreeTcb(oldest);
            return oldest;
        }

        private void EnterTimeWait(Tcb t)
        {
            StopTimers(t);
            SetState(t, TcpState.TimeWait);
            t.TimeWaitSince = _now;
            t.CloseDeadline = _now + _cfg.TimeWaitMs;
        }

        /// <summary>
        /// RFC 6191 / RFC 1122 4.2.2.13: a SYN for a 4-tuple in TIME-WAIT may reopen it when a listener exists and
        /// the new SYN's sequence number is beyond the old RCV.NXT (so old duplicates cannot be confused).
        /// </summary>
        private bool TimeWaitAllowsReopen(Tcb t, Segment seg)
        {
            return seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack) && SequenceNumber.Gt(seg.Seq, t.RcvNxt) &&
                   Reclaimable(t) && FindListenerByPort(seg.DestinationPort) >= 0;
        }
    }
}
