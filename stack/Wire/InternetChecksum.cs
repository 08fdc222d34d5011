using System;

namespace NanoTcp.Wire
{
    /// <summary>
    /// The Internet checksum (RFC 1071): one's-complement sum of 16-bit words. Sums are accumulated in a uint
    /// and folded at the end, so headers, pseudo-headers and payloads can be added piece by piece.
    /// </summary>
    internal static class InternetChecksum
    {
        // 2^16 ≡ 1 (mod 2^16 - 1), so a 64-bit word holding four 16-bit words is congruent to their sum modulo
        // 0xFFFF, and so is its remainder: summing remainders never carries out of 64 bits.
        private const ulong OnesModulus = 0xFFFF;

        /// <summary>Adds <paramref name="length"/> bytes to a running sum (an odd last byte is padded with zero).</summary>
        /// <remarks>
        /// Cost on the nanoFramework interpreter, where each IL instruction is the price and
        /// <see cref="BitConverter.ToUInt64(byte[], int)"/> is one native call: the data is read 8 bytes per call in
        /// the machine's byte order, and each 64-bit word is reduced modulo 0xFFFF (one <c>rem.un</c>) before it is
        /// summed, about 8 IL instructions per 8 bytes (1460 bytes: ≈ 1,650 IL and 183 native calls). The one's-complement sum may be computed in either byte
        /// order and swapped at the end (RFC 1071 §2(B)); deferring the end-around carries is §2(C). Returns
        /// <paramref name="sum"/> plus exactly what a per-word sum folded to 16 bits returns: 0 only when every byte is 0,
        /// never for data that sums to 0xFFFF; when <paramref name="sum"/> is not 0, data summing to 0xFFFF may add 0
        /// instead (the same after <see cref="Finish"/>). Exact for any length up to 2^31.
        /// </remarks>
        public static uint Add(uint sum, byte[] b, int offset, int length)
        {
            ulong m = OnesModulus;
            ulong total = 0;
            int i = offset, end = offset + length;
            // Loop bounds computed once: "i + 128 <= end" would cost two more IL instructions per pass. 128 bytes
            // per pass: the loop's own instructions (about 10) then cost 0.08 IL per byte.
            int last128 = end - 128, last8 = end - 8;
            for (; i <= last128; i += 128)
            {
                total += BitConverter.ToUInt64(b, i) % m + BitConverter.ToUInt64(b, i + 8) % m
                    + BitConverter.ToUInt64(b, i + 16) % m + BitConverter.ToUInt64(b, i + 24) % m
                    + BitConverter.ToUInt64(b, i + 32) % m + BitConverter.ToUInt64(b, i + 40) % m
                    + BitConverter.ToUInt64(b, i + 48) % m + BitConverter.ToUInt64(b, i + 56) % m
                    + BitConverter.ToUInt64(b, i + 64) % m + BitConverter.ToUInt64(b, i + 72) % m
                    + BitConverter.ToUInt64(b, i + 80) % m + BitConverter.ToUInt64(b, i + 88) % m
                    + BitConverter.ToUInt64(b, i + 96) % m + BitConverter.ToUInt64(b, i + 104) % m
                    + BitConverter.ToUInt64(b, i + 112) % m + BitConverter.ToUInt64(b, i + 120) % m;
            }
            // Less than 128 bytes left: one 64-byte block at most (a 64-byte ping is just this).
            if (i <= end - 64)
            {
                total += BitConverter.ToUInt64(b, i) % m + BitConverter.ToUInt64(b, i + 8) % m
                    + BitConverter.ToUInt64(b, i + 16) % m + BitConverter.ToUInt64(b, i + 24) % m
                    + BitConverter.ToUInt64(b, i + 32) % m + BitConverter.ToUInt64(b, i + 40) % m
                    + BitConverter.ToUInt64(b, i + 48) % m + BitConverter.ToUInt64(b, i + 56) % m;
                i += 64;
            }
            for (; i <= last8; i += 8)
            {
                total += BitConverter.ToUInt64(b, i) % m;
            }
            // A 32-bit word holds two 16-bit words and its value is below 2^32: no remainder needed (a 20-byte
            // header is two 64-bit words and this one).
            if (i + 4 <= end)
            {
                total += BitConverter.ToUInt32(b, i);
                i += 4;
            }
            bool little = BitConverter.IsLittleEndian;
            if (i < end)
            {
                // The tail in the same byte order as the words: the first byte of each pair is the low byte when the
                // machine is little-endian (an odd last byte is then the low byte of a zero-padded word). Headers
                // and full segments have none: the shifts are worked out only here.
                int high = little ? 8 : 0, low = little ? 0 : 8;
                if (i + 2 <= end)
                {
                    total += (uint)((b[i] << low) | (b[i + 1] << high));
                    i += 2;
                }
                if (i < end) total += (uint)(b[i] << low);
            }

            // One remainder instead of a fold loop: it differs from the folded sum only when that is 0xFFFF (a non-zero
            // multiple of 0xFFFF), which the zero test below turns back into 0xFFFF. Only for a sum that starts at 0:
            // added to a non-zero sum, 0 and 0xFFFF (one's complement -0) fold to the same value, and the scan would
            // run over a whole payload of zeros.
            uint folded = (uint)(total % m);
            if (folded == 0 && sum == 0 && !IsZero(b, offset, length)) folded = 0xFFFF;
            return sum + (little ? (uint)(((folded & 0xFF) << 8) | (folded >> 8)) : folded);
        }

        // A remainder sum of 0 means every word was a multiple of 0xFFFF: zero data folds to 0, anything else
        // (such as FF FF) to 0xFFFF. Only data made of such words gets here, and the scan stops at the first
        // non-zero word.
        private static bool IsZero(byte[] b, int offset, int length)
        {
            int i = offset, end = offset + length;
            for (; i + 8 <= end; i += 8)
            {
                if (BitConverter.ToUInt64(b, i) != 0) return false;
            }
            for (; i < end; i++)
            {
                if (b[i] != 0) return false;
            }
            return true;
        }

        /// <summary>
        /// True when the 20 bytes at <paramref name="offset"/> (an IPv4 header without options, its checksum field
        /// included) sum to all ones: the same answer as <see cref="IsValid"/> over <see cref="Add"/>, for a fifth of the IL.
        /// </summary>
        /// <remarks>
        /// Three native reads in the machine's byte order (two 64-bit words, reduced modulo 0xFFFF as in <see cref="Add"/>,
        /// and a 32-bit one, below 2^32), no tail, no swap: a word is congruent to the sum of its 16-bit words modulo
        /// 0xFFFF, and a byte-swapped sum is 256 times the sum modulo 0xFFFF (256 is invertible there), so "the folded
        /// sum is 0xFFFF" is "the sum is a non-zero multiple of 0xFFFF" in either byte order. The sum is 0 only for 20
        /// zero bytes, looked for only when the remainders add up to 0.
        /// </remarks>
        public static bool IsValid20(byte[] b, int offset)
        {
            ulong total = BitConverter.ToUInt64(b, offset) % OnesModulus + BitConverter.ToUInt64(b, offset + 8) % OnesModulus
                          + BitConverter.ToUInt32(b, offset + 16);
            if (total % OnesModulus != 0) return false;
            return total != 0 || !IsZero(b, offset, 20);
        }

        /// <summary>Adds the TCP/UDP pseudo-header (RFC 9293 §3.1): addresses, protocol and segment length.</summary>
        public static uint AddPseudoHeader(uint sum, uint source, uint destination, int protocol, int length)
        {
            return sum + (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + (uint)(protocol + length);
        }

        // Folding the carries of a uint sum (RFC 1071 §4.1's loop) gives 0 for a sum of 0 and otherwise the value in
        // 1..0xFFFF congruent to it modulo 0xFFFF (2^16 ≡ 1): one rem.un instead of the interpreted loop.

        /// <summary>Folds the carries and complements: the value to put in the checksum field.</summary>
        public static int Finish(uint sum)
        {
            uint rest = sum % (uint)OnesModulus;
            if (rest == 0 && sum != 0) return 0; // folds to 0xFFFF
            return (int)(0xFFFF - rest);
        }

        /// <summary>True when data that includes its own checksum field sums to all ones (RFC 1071 §1).</summary>
        public static bool IsValid(uint sum)
        {
            return sum != 0 && sum % (uint)OnesModulus == 0; // folds to 0xFFFF
        }
    }
}
