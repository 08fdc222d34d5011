namespace NanoTcp.Wire
{
    /// <summary>TCP control bits (RFC 9293 §3.1; ECE/CWR from RFC 3168).</summary>
    internal static class TcpFlags
    {
        public const int Fin = 0x01;
        public const int Syn = 0x02;
        public const int Rst = 0x04;
        public const int Psh = 0x08;
        public const int Ack = 0x10;
        public const int Urg = 0x20;
        public const int Ece = 0x40;
        public const int Cwr = 0x80;
    }
}
