namespace NanoTcp.Wire
{
    /// <summary>
    /// The Internet checksum (RFC 1071): one's-complement sum of 16-bit words. Sums are accumulated in a uint
    /// and folded at the end, so headers, pseudo-headers and payloads can be added piece by piece.
    /// </summary>
    internal static class InternetChecksum
    {
        /// <summary>Adds <paramref name="length"/> bytes to a running sum (an odd last byte is padded with zero).</summary>
        public static uint Add(uint sum, byte[] b, int offset, int length)
        {
            int end = offset + length - 1;
            int i = offset;
            for (; i < end; i += 2)
            {
                sum += (uint)((b[i] << 8) | b[i + 1]);
            }
            if (i == end) sum += (uint)(b[i] << 8);
            // Fold occasionally would be needed past 2^16 words; frames are far shorter (< 2^15 words).
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
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return (int)(~sum & 0xFFFF);
        }

        /// <summary>True when data that includes its own checksum field sums to all ones (RFC 1071 §1).</summary>
        public static bool IsValid(uint sum)
        {
            return Finish(sum) == 0;
        }
    }
}
