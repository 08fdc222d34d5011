using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // Keepalive (RFC 1122 4.2.3.6): off by default; after KeepAliveIdleMs (2 h) of silence a probe with
    // SEQ = SND.NXT − 1 every KeepAliveIntervalMs (75 s); KeepAliveProbes (10) unanswered probes abort the connection (V6).
    internal sealed partial class TcpConnection
    {
        /// <summary>Keepalive (RFC 1122 4.2.3.6): SEQ = SND.NXT − 1, no data; V6 defaults 2 h / 75 s / 10 probes.</summary>
        private bool KeepAliveTimeout()
        {
            if (!KeepAlive || (State != TcpState.Established && State != TcpState.CloseWait)) return true;
            if (KeepAliveProbes >= _ctx.Config.KeepAliveProbes || KeepAliveProbes == 255) // one byte, saturating
            {
                _ctx.Counters.TcpConnectionsTimedOut++;
                SendReset(SndMax);
                EnterClosed(TcpError.TimedOut);
                return false;
            }
            if (Flight == 0)
            {
                ProbeOwed = true;
                KeepAliveProbes++;
                _ctx.Counters.TcpKeepAliveProbes++;
            }
            ArmTimer(TcpTimers.KeepAlive, _ctx.Now + _ctx.Config.KeepAliveIntervalMs);
            return true;
        }

        /// <summary>Sends an owed keepalive probe (SEQ = SND.NXT − 1, no data); it stays owed while ARP resolves.</summary>
        private void SendOwedProbe()
        {
            if (EmitSegment(SndNxt - 1, 0, TcpFlags.Ack, false) != NetworkInterface.Waiting) ProbeOwed = false;
        }

        /// <summary>Any acceptable segment proves the peer alive: restart the idle period.</summary>
        private void KeepAliveRestart()
        {
            int f = _flags;
            // Off (the default), with no probe sent or owed and the timer stopped: nothing to restart (every segment).
            if ((f & (FlagKeepAlive | FlagProbeOwed | (FlagTimer0 << TcpTimers.KeepAlive))) == 0 && (_v[VCounters] & KeepAliveProbesMask) == 0) return;
            _v[VCounters] &= ~KeepAliveProbesMask; // KeepAliveProbes = 0
            f &= ~FlagProbeOwed;
            _flags = f;
            if ((f & FlagKeepAlive) != 0) ArmTimer(TcpTimers.KeepAlive, _ctx.Now + _ctx.Config.KeepAliveIdleMs);
            // The timer runs only when keepalive was switched off since it was armed.
            else if ((f & (FlagTimer0 << TcpTimers.KeepAlive)) != 0) StopTimer(TcpTimers.KeepAlive);
        }
    }
}
