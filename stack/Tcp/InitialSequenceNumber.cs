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
        /// <summary>Hash domain of RFC 6528 ISNs.</summary>
        public const int DomainIsn = 0;
        /// <summary>Hash domain of the RFC 6056 §3.3.3 ephemeral port offset.</summary>
        public const int DomainEphemeralPort = 1;
        /// <summary>Hash domain of RFC 4987 §3.6 SYN cookies (<see cref="SynCookie"/>).</summary>
        public const int DomainSynCookie = 2;

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
            return Hash(localIp, localPort, remoteIp, remotePort, DomainIsn) + (uint)(nowMs * 250);
        }

        /// <summary>
        /// F(localip, localport, remoteip, remoteport, secretkey) of RFC 6528, with <paramref name="domain"/> (0..255)
        /// separating the other uses of the same key (the Domain constants) so their outputs are unrelated; domain 0
        /// gives the ISN hash unchanged.
        /// </summary>
        public uint Hash(uint localIp, int localPort, uint remoteIp, int remotePort, int domain)
        {
            ulong m0 = ((ulong)localIp << 32) | remoteIp;
            ulong m1 = ((ulong)12 << 56) | ((ulong)(uint)(domain & 0xFF) << 40) | ((ulong)(uint)(localPort & 0xFFFF) << 16) | (uint)(remotePort & 0xFFFF);
            return (uint)SipHash24(m0, m1, 0, 2);
        }

        /// <summary>
        /// As <see cref="Hash(uint,int,uint,int,int)"/> with two more 32-bit inputs (a third message word), for
        /// values that must be bound to the 4-tuple (SYN cookies: the client's ISN, the time counter, the MSS).
        /// </summary>
        public uint Hash(uint localIp, int localPort, uint remoteIp, int remotePort, int domain, uint a, uint b)
        {
            ulong m0 = ((ulong)localIp << 32) | remoteIp;
            ulong m1 = ((ulong)(uint)(domain & 0xFF) << 40) | ((ulong)(uint)(localPort & 0xFFFF) << 16) | (uint)(remotePort & 0xFFFF);
            ulong m2 = ((ulong)a << 32) | b;
            return (uint)SipHash24(m0, m1, m2, 3);
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

        /// <summary>SipHash-2-4 over <paramref name="words"/> (2 or 3) 64-bit message words, the last carrying the length tag.</summary>
        private ulong SipHash24(ulong m0, ulong m1, ulong m2, int words)
        {
            ulong v0 = _k0 ^ 0x736f6d6570736575UL;
            ulong v1 = _k1 ^ 0x646f72616e646f6dUL;
            ulong v2 = _k0 ^ 0x6c7967656e657261UL;
            ulong v3 = _k1 ^ 0x7465646279746573UL;
            Compress(ref v0, ref v1, ref v2, ref v3, m0);
            Compress(ref v0, ref v1, ref v2, ref v3, m1);
            if (words > 2)
            {
                Compress(ref v0, ref v1, ref v2, ref v3, m2);
                Compress(ref v0, ref v1, ref v2, ref v3, (ulong)24 << 56); // 24 bytes: the final length block
            }
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
