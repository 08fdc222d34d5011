namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF). The FCS
    /// goes on the wire least significant byte first.</summary>
    internal static class EthernetCrc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[i] = c;
            }

            return table;
        }

        /// <summary>CRC of <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int length)
        {
            uint crc = 0xFFFFFFFFu;
            for (int i = 0; i < length; i++)
            {
                crc = Table[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        /// <summary>Appends the FCS of the first <paramref name="length"/> bytes at <paramref name="length"/>.</summary>
        public static void Append(byte[] frame, int length)
        {
            uint crc = Compute(frame, 0, length);
            frame[length] = (byte)crc;
            frame[length + 1] = (byte)(crc >> 8);
            frame[length + 2] = (byte)(crc >> 16);
            frame[length + 3] = (byte)(crc >> 24);
        }

        /// <summary>True when the last four of <paramref name="length"/> bytes are the correct FCS of the rest.</summary>
        public static bool Check(byte[] frame, int length)
        {
            if (length < 4)
            {
                return false;
            }

            uint crc = Compute(frame, 0, length - 4);
            return frame[length - 4] == (byte)crc && frame[length - 3] == (byte)(crc >> 8)
                && frame[length - 2] == (byte)(crc >> 16) && frame[length - 1] == (byte)(crc >> 24);
        }
    }
}
