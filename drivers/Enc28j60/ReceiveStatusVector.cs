namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The 6-byte header in front of every packet in the receive ring (DS §7.2.2, Table 7-3): next-packet pointer,
    /// received byte count (including the 4-byte FCS) and status bits 31:16, decoded from the driver's header
    /// buffer by static accessors over <c>byte[]</c> + offset rather than a struct: nanoCLR heap-allocates every
    /// struct local at each call. <see cref="IsStructurallyValid"/> checks the header against everything
    /// the ring geometry implies, so a desynchronised or corrupt ring is caught before its length is trusted
    /// (UIPEthernet#48).
    /// </summary>
    internal static class ReceiveStatusVector
    {
        /// <summary>Header length in the ring.</summary>
        public const int Length = 6;

        private const int StatusReceivedOk = 1 << 7;      // RSV bit 23
        private const int StatusCrcError = 1 << 4;        // RSV bit 20
        private const int StatusZero = 1 << 15;           // RSV bit 31, always 0

        /// <summary>Next-packet pointer.</summary>
        public static int NextPacket(byte[] header, int offset) => header[offset] | (header[offset + 1] << 8);

        /// <summary>Received byte count, FCS included.</summary>
        public static int ByteCount(byte[] header, int offset) => header[offset + 2] | (header[offset + 3] << 8);

        /// <summary>RSV bits 31:16.</summary>
        public static int Status(byte[] header, int offset) => header[offset + 4] | (header[offset + 5] << 8);

        /// <summary>RXOK set and no CRC error, from the <see cref="Status"/> bits.</summary>
        public static bool ReceivedOk(int status) => (status & StatusReceivedOk) != 0 && (status & StatusCrcError) == 0;

        /// <summary>Bytes from the frame's first byte to the next packet: the byte count rounded up to even.</summary>
        public static int StoredLength(int byteCount) => (byteCount + 1) & ~1;

        /// <summary>
        /// True when a header with these fields is consistent with a packet that starts at
        /// <paramref name="packetStart"/>: next pointer even and inside the ring, byte count of a legal frame, bit 31
        /// clear, and the next pointer exactly where this packet ends.
        /// </summary>
        public static bool IsStructurallyValid(int nextPacket, int byteCount, int status, int packetStart)
        {
            bool nextInRing = nextPacket <= BufferLayout.ReceiveEnd && (nextPacket & 1) == 0;
            bool countInRange = byteCount >= BufferLayout.MinFrameLength + BufferLayout.FcsLength
                && byteCount <= BufferLayout.MaxFrameLengthWithFcs;
            if (!nextInRing || !countInRange || (status & StatusZero) != 0) return false;
            return BufferLayout.RingAdd(packetStart, Length + StoredLength(byteCount)) == nextPacket;
        }
    }
}
