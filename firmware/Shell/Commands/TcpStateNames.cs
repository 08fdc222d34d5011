namespace NanoTcp.Firmware
{
    /// <summary>
    /// The RFC 9293 §3.3.2 state names as netstat prints them: the RFC's words with underscores, as Linux spells
    /// them (ESTABLISHED, TIME_WAIT, CLOSE_WAIT), but keeping the RFC's SYN_RECEIVED and FIN_WAIT_1/2.
    /// </summary>
    public static class TcpStateNames
    {
        /// <summary>Longest name (SYN_RECEIVED), for column widths.</summary>
        public const int MaxLength = 12;

        /// <summary>The name of <paramref name="state"/> (a constant string).</summary>
        public static string Name(TcpState state)
        {
            switch (state)
            {
                case TcpState.Listen: return "LISTEN";
                case TcpState.SynSent: return "SYN_SENT";
                case TcpState.SynReceived: return "SYN_RECEIVED";
                case TcpState.Established: return "ESTABLISHED";
                case TcpState.FinWait1: return "FIN_WAIT_1";
                case TcpState.FinWait2: return "FIN_WAIT_2";
                case TcpState.CloseWait: return "CLOSE_WAIT";
                case TcpState.Closing: return "CLOSING";
                case TcpState.LastAck: return "LAST_ACK";
                case TcpState.TimeWait: return "TIME_WAIT";
                default: return "CLOSED";
            }
        }
    }
}
