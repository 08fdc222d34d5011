
namespace NanoTcp.Tcp
{
    // FIN-WAIT-2 timeout: RFC 9293 lets FIN-WAIT-2 last forever, which strands a slot when the peer never sends its
    // FIN (embox #2946, utcp #28). Once the application has closed (it can no longer read), the slot is freed after
    // StackConfig.FinWait2TimeoutMs (default 60 s, Linux tcp_fin_timeout). A half-closed connection the application
    // still reads from is left alone.
    internal sealed partial class TcpConnection
    {
        private void StartFinWait2Timer()
        {
            ArmTimer(TcpTimers.Close, _ctx.Now + _ctx.Config.FinWait2TimeoutMs);
        }

        private void FinWait2TimedOut()
        {
            _ctx.Counters.TcpConnectionsTimedOut++;                   // S45
            EnterClosed(TcpError.TimedOut);
        }
    }
}
