namespace NanoTcp.Tcp
{
    /// <summary>
    /// RFC 6528 initial sequence numbers: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where
    /// M is a 4 µs clock (here: the caller's ms clock × 250) and F is SipHash-2-4 (Aumasson and Bernstein,
    /// a keyed PRF; nanoFramework has no crypto library) over the 4-tuple with a 128-bit secret.
    /// Different 4-tuples get uncorrelated ISNs; the same 4-tuple's ISN grows with time (S19).
    /// </summary>
    internal sealed class InitialSequenceNumber : IInitialSequenceNumbers
    {
        private readonly ulong _k0;
        private readonly ulong _k1;

        /// <summary>Keys the generator with the first 16 bytes of <paramref name="secret"/> (shorter keys are zero-padded).</summary>
        public InitialSequenceNumber(byte[] secret)
        {
            _k0 = ReadKey(secret, 0);
            _k1 = ReadKey(secret, 8);
        }

        /// <inheritdoc />
        public uint Next(uint localIp, int localPort, uint remoteIp, int remotePort, long nowMs)
        {
            ulong m0 = ((ulong)localIp << 32) | remoteIp;
            ulong m1 = ((ulong)12 << 56) | ((ulong)(uint)(localPort & 0xFFFF) << 16) | (uint)(remotePort & 0xFFFF);
            uint f = (uint)SipHash24(m0, m1);
            return f + (uint)(nowMs * 250);
        }

        private static ulong ReadKey(byte[] secret, int offset)
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++)
            {
                int j = offset + i;
                byte b = secret != null && j < secret.Length ? secret[j] : (byte)0;
                v |= (ulong)b << (8 * i);
            }
            return v;
        }

        private ulong SipHash24(ulong m0, ulong m1)
        {
            ulong v0 = _k0 ^ 0x736f6d6570736575UL;
            ulong v1 = _k1 ^ 0x646f72616e646f6dUL;
            ulong v2 = _k0 ^ 0x6c7967656e657261UL;
            ulong v3 = _k1 ^ 0x7465646279746573UL;
            Compress(ref v0, ref v1, ref v2, ref v3, m0);
            Compress(ref v0, ref v1, ref v2, ref v3, m1);
            v2 ^= 0xFF;
            for (int i = 0; i < 4; i++) Round(ref v0, ref v1, ref v2, ref v3);
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong m)
        {
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        // The rotations are written out (x << b | x >> 64 - b) rather than called: on nanoCLR every call is an
        // interpreter frame, and a Round has six of them.
        private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
        {
            ulong a = v0, b = v1, c = v2, d = v3;
            a += b; b = (b << 13) | (b >> 51); b ^= a; a = (a << 32) | (a >> 32);
            c += d; d = (d << 16) | (d >> 48); d ^= c;
            a += d; d = (d << 21) | (d >> 43); d ^= a;
            c += b; b = (b << 17) | (b >> 47); b ^= c; c = (c << 32) | (c >> 32);
            v0 = a; v1 = b; v2 = c; v3 = d;
        }
    }
}
