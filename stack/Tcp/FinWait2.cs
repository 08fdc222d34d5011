using NanoTcp.Tcp;

namespace NanoTcp
{
    // FIN-WAIT-2 timeout: RFC 9293 lets FIN-WAIT-2 last forever, which strands a slot when the peer never sends its
    // FIN (embox #2946, utcp #28). Once the application has closed (it can no longer read), the slot is freed after
    // StackConfig.FinWait2TimeoutMs (default 60 s, Linux tcp_fin_timeout). A half-closed connection the application
    // still reads from is left alone.
    public sealed partial class NetworkStack
    {
        private void StartFinWait2Timer(Tcb t)
        {
            t.CloseDeadline = _now + _cfg.FinWait2TimeoutMs;
        }

        private void FinWait2TimedOut(Tcb t)
        {
            _counters.TcpConnectionsTimedOut++;                   // S45
            EnterClosed(t, TcpError.TimedOut);
        }
    }
}
