namespace NanoTcp.Wire
{
    /// <summary>
    /// The Internet checksum (RFC 1071): one's-complement sum of 16-bit words. Sums are accumulated in a uint
    /// and folded at the end, so headers, pseudo-headers and payloads can be added piece by piece.
    /// </summary>
    internal static class InternetChecksum
    {
        /// <summary>Adds <paramref name="length"/> bytes to a running sum (an odd last byte is padded with zero).</summary>
        /// <remarks>
        /// High and low bytes of the 16-bit words are summed separately and combined once at the end (RFC 1071
        /// §2(A): byte order independence and deferred carries): a few IL operations per byte matters on the
        /// nanoFramework interpreter. Exact for any frame (up to 64 KiB of data per call).
        /// </remarks>
        public static uint Add(uint sum, byte[] b, int offset, int length)
        {
            uint high = 0, low = 0;
            int i = offset, end = offset + length;
            for (; i + 8 <= end; i += 8)
            {
                high += (uint)(b[i] + b[i + 2] + b[i + 4] + b[i + 6]);
                low += (uint)(b[i + 1] + b[i + 3] + b[i + 5] + b[i + 7]);
            }
            for (; i + 2 <= end; i += 2)
            {
                high += b[i];
                low += b[i + 1];
            }
            if (i < end) high += b[i];
            return sum + Fold((high << 8) + low);
        }

        private static uint Fold(uint sum)
        {
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return sum;
        }

        /// <summary>Adds the TCP/UDP pseudo-header (RFC 9293 §3.1): addresses, protocol and segment length.</summary>
        public static uint AddPseudoHeader(uint sum, uint source, uint destination, int protocol, int length)
        {
            sum += (source >> 16) + (source & 0xFFFF);
            sum += (destination >> 16) + (destination & 0xFFFF);
            sum += (uint)protocol;
            sum += (uint)length;
            return sum;
        }

        /// <summary>Folds the carries and complements: the value to put in the checksum field.</summary>
        public static int Finish(uint sum)
        {
            return (int)(~Fold(sum) & 0xFFFF);
        }

        /// <summary>True when data that includes its own checksum field sums to all ones (RFC 1071 §1).</summary>
        public static bool IsValid(uint sum)
        {
            return Finish(sum) == 0;
        }
    }
}
