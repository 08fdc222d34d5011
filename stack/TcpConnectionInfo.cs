namespace NanoTcp
{
    /// <summary>
    /// A snapshot of one connection slot, filled by <see cref="NetworkStack.GetConnectionInfo"/> into a
    /// caller-owned object (allocate it once; filling it allocates nothing). For the shell's netstat/mem commands and for tests.
    /// </summary>
    public sealed class TcpConnectionInfo
    {
        /// <summary>The connection handle (slot + generation).</summary>
        public int Handle;
        /// <summary>The RFC 9293 state.</summary>
        public TcpState State;
        /// <summary>Our address.</summary>
        public uint LocalIp;
        /// <summary>Our port.</summary>
        public int LocalPort;
        /// <summary>The peer's address.</summary>
        public uint RemoteIp;
        /// <summary>The peer's port.</summary>
        public int RemotePort;
        /// <summary>Bytes in the send buffer (unacknowledged plus not yet sent).</summary>
        public int SendQueued;
        /// <summary>Bytes received in order and not yet read by the application.</summary>
        public int ReceiveQueued;
        /// <summary>Segments retransmitted on this connection (timeouts and fast retransmits).</summary>
        public int Retransmissions;
        /// <summary>SND.UNA: oldest unacknowledged sequence number.</summary>
        public uint SendUnacknowledged;
        /// <summary>SND.NXT: next sequence number to send.</summary>
        public uint SendNext;
        /// <summary>RCV.NXT: next sequence number expected.</summary>
        public uint ReceiveNext;
        /// <summary>SND.WND: the peer's advertised window.</summary>
        public int SendWindow;
        /// <summary>The window we advertise.</summary>
        public int ReceiveWindow;
        /// <summary>Congestion window in bytes (RFC 5681).</summary>
        public int CongestionWindow;
        /// <summary>Current retransmission timeout in ms (RFC 6298).</summary>
        public int RetransmissionTimeoutMs;
        /// <summary>Smoothed round-trip time in ms (0 before the first sample).</summary>
        public int SmoothedRttMs;
        /// <summary>Effective send MSS.</summary>
        public int Mss;
        /// <summary>Last error (<see cref="TcpError"/>), 0 while healthy.</summary>
        public int LastError;
    }
}
