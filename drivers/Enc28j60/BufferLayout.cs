namespace NanoTcp.Enc28j60
{
    /// <summary>
    /// How the 8 KB buffer RAM is split (ENC28J60 facts §4.1): the receive ring starts at 0x0000 (errata #5: writing
    /// ERXST/ERXND may load 0000h into the internal write pointer) and ends on an odd address so the ring size is
    /// even and every packet keeps its even start across the wrap; one transmit slot follows it, starting on an
    /// even address with room for control byte + 1514-byte frame + 7-byte status vector.
    /// </summary>
    public static class BufferLayout
    {
        /// <summary>ERXST: first byte of the receive ring (errata #5).</summary>
        public const int ReceiveStart = 0x0000;

        /// <summary>ERXND: last byte of the receive ring, odd.</summary>
        public const int ReceiveEnd = 0x19FF;

        /// <summary>ETXST: address of the per-packet control byte, even and above <see cref="ReceiveEnd"/>.</summary>
        public const int TransmitStart = 0x1A00;

        /// <summary>Last byte of buffer RAM.</summary>
        public const int BufferEnd = 0x1FFF;

        /// <summary>Receive ring size in bytes (even).</summary>
        public const int ReceiveSize = ReceiveEnd - ReceiveStart + 1;

        /// <summary>Largest frame the stack may hand over: DA through payload, without FCS.</summary>
        public const int MaxFrameLength = 1514;

        /// <summary>Smallest frame the stack may hand over: an Ethernet header.</summary>
        public const int MinFrameLength = 14;

        /// <summary>MAMXFL: maximum frame length on the wire including the 4-byte FCS.</summary>
        public const int MaxFrameLengthWithFcs = 1518;

        /// <summary>Length of the frame check sequence the MAC appends and stores.</summary>
        public const int FcsLength = 4;

        /// <summary>
        /// The ERXRDPT value that frees everything before <paramref name="nextPacket"/>: always odd (errata #14),
        /// always inside the ring: next − 1, or ERXND when next is ERXST (EtherCard#182 wrote 0xFFFF here).
        /// </summary>
        public static int ReadPointerFor(int nextPacket)
        {
            return nextPacket == ReceiveStart ? ReceiveEnd : nextPacket - 1;
        }

        /// <summary>Adds <paramref name="offset"/> to a ring address, wrapping from ERXND to ERXST (DS Example 7-1).</summary>
        public static int RingAdd(int address, int offset)
        {
            int result = address + offset;
            return result > ReceiveEnd ? result - ReceiveSize : result;
        }
    }
}
