namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The 6-byte header in front of every packet in the receive ring (DS §7.2.2, Table 7-3): next-packet pointer,
    /// received byte count (including the 4-byte FCS) and status bits 31:16, read in place from the driver's
    /// header buffer. Static accessors over <c>byte[]</c> + offset rather than a struct: nanoCLR heap-allocates
    /// every struct local at each call. <see cref="IsStructurallyValid"/> checks the header against everything
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

        /// <summary>RXOK set and no CRC error.</summary>
        public static bool ReceivedOk(byte[] header, int offset)
        {
            int status = Status(header, offset);
            return (status & StatusReceivedOk) != 0 && (status & StatusCrcError) == 0;
        }

        /// <summary>Bytes from the frame's first byte to the next packet: byte count rounded up to even.</summary>
        public static int StoredLength(byte[] header, int offset) => (ByteCount(header, offset) + 1) & ~1;

        /// <summary>Frame length for the stack: FCS removed.</summary>
        public static int FrameLength(byte[] header, int offset) => ByteCount(header, offset) - BufferLayout.FcsLength;

        /// <summary>True when the header is consistent with a packet that starts at <paramref name="packetStart"/>.</summary>
        public static bool IsStructurallyValid(byte[] header, int offset, int packetStart)
        {
            int next = NextPacket(header, offset);
            int count = ByteCount(header, offset);
            bool nextInRing = next <= BufferLayout.ReceiveEnd && (next & 1) == 0;
            bool countInRange = count >= BufferLayout.MinFrameLength + BufferLayout.FcsLength
                && count <= BufferLayout.MaxFrameLengthWithFcs;
            if (!nextInRing || !countInRange || (Status(header, offset) & StatusZero) != 0) return false;
            return BufferLayout.RingAdd(packetStart, Length + StoredLength(header, offset)) == next;
        }
    }
}
