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
            }
            return next;
        }

        private void CloseTimerExpired(Tcb t)
        {
            t.CloseDeadline = Tcb.Off;
            if (t.State == TcpState.TimeWait) EnterClosed(t, TcpError.None);   // S41
            else if (t.State == TcpState.FinWait2)
            {
                _counters.TcpConnectionsTimedOut++;                           // S45
                EnterClosed(t, TcpError.TimedOut);
            }
        }

        /// <summary>RFC 6298 §5.4–5.6. Returns false when the connection was given up.</summary>
        private bool RetransmissionTimeout(Tcb t)
        {
            t.RtoDeadline = Tcb.Off;
            bool handshake = t.State == TcpState.SynSent || t.State == TcpState.SynReceived;
            if (!handshake && t.Flight == 0) return true;
            _counters.TcpTimeouts++;
            t.Retries++;
            if (t.Retries > RetryBudget(t.State))
            {
                GiveUp(t);
                return false;
            }
            t.Rto.Backoff();
            t.Congestion.OnTimeout(t.Flight, t.SendMss, t.SndMax);
            t.SndNxt = handshake ? t.Iss : t.SndUna;                 // go back and resend from the first unacknowledged
            t.RttTiming = false;                                    // Karn: no sample from a retransmission
            t.Retransmissions++;
            _counters.TcpRetransmissions++;
            t.RtoDeadline = _now + t.Rto.RtoMs;
            return true;
        }

        private int RetryBudget(TcpState state)
        {
            switch (state)
            {
                case TcpState.SynSent: return _cfg.SynRetries;
                case TcpState.SynReceived: return _cfg.SynAckRetries;
                case TcpState.FinWait1:
                case TcpState.Closing:
                case TcpState.LastAck: return _cfg.FinRetries;
                default: return _cfg.DataRetries;
            }
        }

        /// <summary>Retries exhausted: a half-open passive connection just disappears (S15), others report TimedOut.</summary>
        private void GiveUp(Tcb t)
        {
            _counters.TcpConnectionsTimedOut++;
            if (t.State == TcpState.SynReceived && t.Listener >= 0)
            {
                FreeTcb(t);
                return;
            }
            if (t.State != TcpState.SynSent) SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, t.SndNxt, 0, false);
            EnterClosed(t, TcpError.TimedOut);
        }

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

        /// <summary>Keepalive (RFC 1122 4.2.3.6): SEQ = SND.NXT − 1, no data; V6 defaults 2 h / 75 s / 10 probes.</summary>
        private bool KeepAliveTimeout(Tcb t)
        {
            t.KeepAliveDeadline = Tcb.Off;
            if (!_cfg.KeepAliveEnabled || (t.State != TcpState.Established && t.State != TcpState.CloseWait)) return true;
            if (t.KeepAliveProbes >= _cfg.KeepAliveProbes)
            {
                _counters.TcpConnectionsTimedOut++;
                SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, t.SndNxt, 0, false);
                EnterClosed(t, TcpError.TimedOut);
                return false;
            }
            if (t.Flight == 0 && t.NextHopKnown)
            {
                EmitSegment(t, t.SndNxt - 1, 0, TcpFlags.Ack, false);
                t.KeepAliveProbes++;
                _counters.TcpKeepAliveProbes++;
            }
            t.KeepAliveDeadline = _now + _cfg.KeepAliveIntervalMs;
            return true;
        }

        /// <summary>Any acceptable segment proves the peer alive: restart the idle period.</summary>
        private void KeepAliveRestart(Tcb t)
        {
            t.KeepAliveProbes = 0;
            t.KeepAliveDeadline = _cfg.KeepAliveEnabled ? _now + _cfg.KeepAliveIdleMs : Tcb.Off;
        }
    }
}
