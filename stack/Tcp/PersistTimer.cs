using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // Zero-window persist (RFC 9293 §3.8.6.1, RFC 1122 4.2.2.17): while the peer advertises a zero window and
    // we have data, probe with exponential backoff so a lost window update cannot deadlock the connection (S48).
    public sealed partial class NetworkStack
    {
        /// <summary>
        /// Zero-window probe: a segment with SEQ = SND.UNA − 1 and no data, which the receiver must answer with an
        /// ACK carrying its current window (the Linux probe form). Backs off like the RTO; gives up only after
        /// <see cref="StackConfig.PersistRetries"/> unanswered probes.
        /// </summary>
        private bool PersistTimeout(Tcb t)
        {
            t.PersistDeadline = Tcb.Off;
            if (t.SndWnd > 0 || t.State == TcpState.TimeWait) return true;
            if (t.PersistProbes >= _cfg.PersistRetries)
            {
                GiveUp(t);
                return false;
            }
            EmitSegment(t, t.SndUna - 1, 0, TcpFlags.Ack, false);
            t.PersistProbes++;
            if (t.PersistShift < 16) t.PersistShift++;
            _counters.TcpPersistProbes++;
            t.PersistDeadline = _now + t.Rto.BackedOff(t.PersistShift);
            return true;
        }

        private void ArmPersist(Tcb t)
        {
            if (t.SndWnd == 0 && t.Flight == 0 && t.PersistDeadline == Tcb.Off)
            {
                t.PersistDeadline = _now + t.Rto.BackedOff(t.PersistShift);
            }
        }
    }
}
