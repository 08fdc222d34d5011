using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // Zero-window persist (RFC 9293 §3.8.6.1, RFC 1122 4.2.2.17): while the peer advertises a zero window and
    // we have data, probe with exponential backoff so a lost window update cannot deadlock the connection (S48).
    internal sealed partial class TcpConnection
    {
        /// <summary>
        /// Zero-window probe: a segment with SEQ = SND.UNA − 1 and no data, which the receiver must answer with an
        /// ACK carrying its current window (the Linux probe form). Backs off like the RTO; gives up only after
        /// <see cref="StackConfig.PersistRetries"/> unanswered probes.
        /// </summary>
        private bool PersistTimeout()
        {
            if (SndWnd > 0 || State == TcpState.TimeWait) return true;
            if (PersistProbes >= _ctx.Config.PersistRetries)
            {
                GiveUp();
                return false;
            }
            EmitSegment(SndUna - 1, 0, TcpFlags.Ack, false);
            PersistProbes++;
            if (PersistShift < 16) PersistShift++;
            _ctx.Counters.TcpPersistProbes++;
            ArmTimer(TcpTimers.Persist, _ctx.Now + BackedOffRto(PersistShift));
            return true;
        }

        private void ArmPersist()
        {
            if (SndWnd == 0 && Flight == 0) ArmTimerIfStopped(TcpTimers.Persist, _ctx.Now + BackedOffRto(PersistShift));
        }
    }
}
