using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // TCP timers, all driven by the time passed to Poll: retransmission (RFC 6298 §5) with a retry budget per
    // state, zero-window persist (RFC 9293 §3.8.6.1, RFC 1122 4.2.2.17), keepalive (RFC 1122 4.2.3.6),
    // delayed ACK (RFC 1122 4.2.3.2), TIME-WAIT (RFC 9293 §3.10.8) and the FIN-WAIT-2 timeout.
    public sealed partial class NetworkStack
    {
        private void RunTcpTimers()
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (!t.InUse || t.State == TcpState.Closed) continue;
                if (t.CloseDeadline <= _now)
                {
                    CloseTimerExpired(t);
                    continue;
                }
                if (t.RtoDeadline <= _now && !RetransmissionTimeout(t)) continue;
                if (t.PersistDeadline <= _now && !PersistTimeout(t)) continue;
                if (t.KeepAliveDeadline <= _now && !KeepAliveTimeout(t)) continue;
                if (t.DelayedAckDeadline <= _now)
                {
                    t.DelayedAckDeadline = Tcb.Off;
                    t.AckNow = true;
                }
                if (t.SwsDeadline <= _now)
                {
                    t.SwsDeadline = Tcb.Off;
                    t.SwsOverride = true;
                }
            }
        }

        private long NextTcpDeadline()
        {
            long next = long.MaxValue;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (!t.InUse || t.State == TcpState.Closed) continue;
                if (t.RtoDeadline < next) next = t.RtoDeadline;
                if (t.PersistDeadline < next) next = t.PersistDeadline;
                if (t.KeepAliveDeadline < next) next = t.KeepAliveDeadline;
                if (t.DelayedAckDeadline < next) next = t.DelayedAckDeadline;
                if (t.CloseDeadline < next) next = t.CloseDeadline;
                if (t.SwsDeadline < next) next = t.SwsDeadline;
            }
            return next;
        }

        private void CloseTimerExpired(Tcb t)
        {
            t.CloseDeadline = Tcb.Off;
            if (t.State == TcpState.TimeWait) TimeWaitExpired(t);
            else if (t.State == TcpState.FinWait2) FinWait2TimedOut(t);
        }

    }
}
