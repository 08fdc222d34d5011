using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // Keepalive (RFC 1122 4.2.3.6): off by default; after KeepAliveIdleMs (2 h) of silence a probe with
    // SEQ = SND.NXT − 1 every KeepAliveIntervalMs (75 s); KeepAliveProbes (10) unanswered probes abort the connection (V6).
    public sealed partial class NetworkStack
    {
        /// <summary>Keepalive (RFC 1122 4.2.3.6): SEQ = SND.NXT − 1, no data; V6 defaults 2 h / 75 s / 10 probes.</summary>
        private bool KeepAliveTimeout(Tcb t)
        {
            t.KeepAliveDeadline = Tcb.Off;
            if (!_cfg.KeepAliveEnabled || (t.State != TcpState.Established && t.State != TcpState.CloseWait)) return true;
            if (t.KeepAliveProbes >= _cfg.KeepAliveProbes)
            {
                _counters.TcpConnectionsTimedOut++;
                SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, t.SndMax, 0, false);
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
