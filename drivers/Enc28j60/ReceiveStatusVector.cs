namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// The 6-byte header in front of every packet in the receive ring (DS §7.2.2, Table 7-3): next-packet pointer,
    /// received byte count (including the 4-byte FCS) and status bits 31:16. <see cref="Parse"/> checks the header
    /// against everything the ring geometry implies, so a desynchronised or corrupt ring is caught before its
    /// length is trusted (UIPEthernet#48).
    /// </summary>
    internal struct ReceiveStatusVector
    {
        /// <summary>Header length in the ring.</summary>
        public const int Length = 6;

        private const int StatusReceivedOk = 1 << 7;      // RSV bit 23
        private const int StatusCrcError = 1 << 4;        // RSV bit 20
        private const int StatusZero = 1 << 15;           // RSV bit 31, always 0
        private const int StatusDropEvent = 1 << 0;       // RSV bit 16: frames dropped since the last receive

        /// <summary>Next-packet pointer.</summary>
        public int NextPacket;

        /// <summary>Received byte count, FCS included.</summary>
        public int ByteCount;

        /// <summary>RSV bits 31:16.</summary>
        public int Status;

        /// <summary>True when the header is consistent with a packet starting at the given address.</summary>
        public bool IsStructurallyValid;

        /// <summary>RXOK set and no CRC error.</summary>
        public bool ReceivedOk => (Status & StatusReceivedOk) != 0 && (Status & StatusCrcError) == 0;

        /// <summary>CRC error bit.</summary>
        public bool CrcError => (Status & StatusCrcError) != 0;

        /// <summary>The chip dropped frames before this one (overflow evidence, §5.3).</summary>
        public bool DropEventSeen => (Status & StatusDropEvent) != 0;

        /// <summary>Bytes from the frame's first byte to the next packet: byte count rounded up to even.</summary>
        public int StoredLength => (ByteCount + 1) & ~1;

        /// <summary>Frame length for the stack: FCS removed.</summary>
        public int FrameLength => ByteCount - BufferLayout.FcsLength;

        /// <summary>Decodes 6 bytes at <paramref name="offset"/> for a packet that starts at <paramref name="packetStart"/>.</summary>
        public static ReceiveStatusVector Parse(byte[] bytes, int offset, int packetStart)
        {
            ReceiveStatusVector header;
            header.NextPacket = bytes[offset] | (bytes[offset + 1] << 8);
            header.ByteCount = bytes[offset + 2] | (bytes[offset + 3] << 8);
            header.Status = bytes[offset + 4] | (bytes[offset + 5] << 8);
            header.IsStructurallyValid = false;

            bool nextInRing = header.NextPacket <= BufferLayout.ReceiveEnd && (header.NextPacket & 1) == 0;
            bool countInRange = header.ByteCount >= BufferLayout.MinFrameLength + BufferLayout.FcsLength
                && header.ByteCount <= BufferLayout.MaxFrameLengthWithFcs;
            if (nextInRing && countInRange && (header.Status & StatusZero) == 0)
            {
                int expectedNext = BufferLayout.RingAdd(packetStart, Length + header.StoredLength);
                header.IsStructurallyValid = expectedNext == header.NextPacket;
            }

            return header;
        }
    }
}
