namespace NanoTcp.Udp
{
    /// <summary>Result codes of the UDP API: 0 or a negative constant (no exceptions on the data path).</summary>
    public static class UdpError
    {
        /// <summary>Success.</summary>
        public const int None = 0;
        /// <summary>Nothing to receive yet.</summary>
        public const int WouldBlock = -1;
        /// <summary>Null buffer, offset/count out of range, port 0 or out of range.</summary>
        public const int InvalidArgument = -2;
        /// <summary>The socket is closed.</summary>
        public const int NotOpen = -3;
        /// <summary>No route: off-subnet without a gateway, or we have no address.</summary>
        public const int Unreachable = -4;
        /// <summary>The next hop is being resolved by ARP: nothing was sent, send again after the next Poll.</summary>
        public const int Resolving = -5;
        /// <summary>The datagram does not fit one frame (nanoTcp never fragments).</summary>
        public const int TooLarge = -6;
        /// <summary>The link refused the frame (down or busy).</summary>
        public const int LinkFailed = -7;
        /// <summary>Every UDP binding slot is taken, or the port is bound already.</summary>
        public const int NoSlot = -8;
    }
}
