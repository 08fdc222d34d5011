namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>
    /// RFC 1071 one's-complement checksum, written for the test side only so that the stack's own
    /// checksum code is verified independently.
    /// </summary>
    public static class InternetChecksum
    {
        /// <summary>Adds 16-bit big-endian words of <paramref name="data"/> to a running 32-bit sum.</summary>
        public static uint Add(uint sum, byte[] data, int offset, int length)
        {
            int i = 0;
            for (; i + 1 < length; i += 2) sum += (uint)((data[offset + i] << 8) | data[offset + i + 1]);
            if (i < length) sum += (uint)(data[offset + i] << 8); // odd byte padded with zero (RFC 1071 §4.1)
            return sum;
        }

        /// <summary>Folds the carries and complements: the value to store in a checksum field.</summary>
        public static ushort Finish(uint sum)
        {
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            return (ushort)~sum;
        }

        /// <summary>Checksum of a byte range.</summary>
        public static ushort Compute(byte[] data, int offset, int length) => Finish(Add(0, data, offset, length));

        /// <summary>The IPv4 pseudo-header sum used by TCP (RFC 9293 §3.1) and UDP.</summary>
        public static uint PseudoHeader(uint sourceIp, uint destinationIp, byte protocol, int length)
        {
            return (sourceIp >> 16) + (sourceIp & 0xFFFF) + (destinationIp >> 16) + (destinationIp & 0xFFFF)
                + protocol + (uint)length;
        }
    }
}
