namespace NanoTcp
{
    /// <summary>
    /// Negative result codes returned by the <see cref="NetworkStack"/> TCP calls and reported by
    /// <see cref="NetworkStack.GetLastError"/>. Zero means "no error".
    /// </summary>
    public static class TcpError
    {
        /// <summary>No error.</summary>
        public const int None = 0;
        /// <summary>Nothing to do now (no data, no pending connection); try again after the next Poll.</summary>
        public const int WouldBlock = -1;
        /// <summary>The handle does not name a live connection or listener (never issued, or its slot was reused).</summary>
        public const int InvalidHandle = -2;
        /// <summary>The connection is not (or no longer) in a state that allows the call.</summary>
        public const int NotConnected = -3;
        /// <summary>The peer reset the connection (RST received in a synchronized state).</summary>
        public const int ConnectionReset = -4;
        /// <summary>The peer refused the connection (RST in SYN-SENT, RFC 9293 §3.10.7.3).</summary>
        public const int ConnectionRefused = -5;
        /// <summary>Retransmissions, keepalive probes or the FIN-WAIT-2 timer ran out.</summary>
        public const int TimedOut = -6;
        /// <summary>Every connection slot is busy and no TIME-WAIT slot could be reclaimed.</summary>
        public const int NoFreeSlot = -7;
        /// <summary>The port (or 4-tuple) is already in use.</summary>
        public const int AddressInUse = -8;
        /// <summary>Send after <see cref="NetworkStack.Shutdown"/> or <see cref="NetworkStack.Close"/>.</summary>
        public const int Shutdown = -9;
        /// <summary>The connection was aborted locally.</summary>
        public const int Aborted = -10;
        /// <summary>Every listener slot is busy.</summary>
        public const int NoListenerSlot = -11;
        /// <summary>An argument is out of range (null buffer, bad offset/count, port 0).</summary>
        public const int InvalidArgument = -12;
        /// <summary>The destination is not reachable (no route, or ICMP destination unreachable during the handshake).</summary>
        public const int Unreachable = -13;
    }
}
