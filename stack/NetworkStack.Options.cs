namespace NanoTcp
{
    public sealed partial class NetworkStack
    {
        // Per-connection options. Placeholder signatures for the Sockets layer: they check the handle and
        // accept the value, while the stack-wide StackConfig.Nagle / DelayedAck / KeepAliveEnabled still decide
        // the behaviour. The per-connection implementation replaces these bodies (same signatures).

        /// <summary>Disables (true) or enables Nagle's algorithm (RFC 9293 §3.7.4) for one connection. 0 or TcpError.*.</summary>
        public int SetNoDelay(int connection, bool noDelay) => FindTcb(connection) == null ? TcpError.InvalidHandle : TcpError.None;

        /// <summary>Enables or disables delayed ACKs (RFC 1122 4.2.3.2) for one connection. 0 or TcpError.*.</summary>
        public int SetDelayedAck(int connection, bool enabled) => FindTcb(connection) == null ? TcpError.InvalidHandle : TcpError.None;

        /// <summary>Enables or disables keepalive probes (RFC 1122 4.2.3.6) for one connection. 0 or TcpError.*.</summary>
        public int SetKeepAlive(int connection, bool enabled) => FindTcb(connection) == null ? TcpError.InvalidHandle : TcpError.None;
    }
}
