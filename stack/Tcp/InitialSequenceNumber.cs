namespace NanoTcp.Tcp
{
    /// <summary>
    /// RFC 6528 initial sequence numbers: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where
    /// M is a 4 µs clock (here: the caller's ms clock × 250) and F is SipHash-1-3 (Aumasson and Bernstein,
    /// a keyed PRF; nanoFramework has no crypto library; why 1-3: <see cref="SipHash13"/>) over the 4-tuple with a 128-bit secret.
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
            return (uint)SipHash13(m0, m1, 0, 2);
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
            return (uint)SipHash13(m0, m1, m2, 3);
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

        /// <summary>
        /// SipHash-1-3 (one compression round per message word, three finalization rounds) over
        /// <paramref name="words"/> (2 or 3) 64-bit message words; with 3 a final length block follows.
        /// </summary>
        /// <remarks>
        /// Why 1-3 and not the paper's 2-4: on nanoCLR each round is about a hundred interpreted IL instructions,
        /// and a connection computes up to three hashes (ephemeral port, ISN, cookie); 1-3 needs 5 rounds per
        /// two-word hash instead of 8. SipHash-1-3 is the variant CPython (3.11, bpo-29410) and Rust's HashMap use;
        /// no attack on it is known, the authors' margin is only smaller. RFC 6528 §3 asks of F only that it be a
        /// keyed function whose output the attacker cannot predict (it suggests MD5), and the cookie MAC keeps
        /// 24 bits anyway, so the reduced margin does not matter here. The rounds are written inline over locals:
        /// a call per round with four ref arguments cost the interpreter a quarter more.
        /// </remarks>
        private ulong SipHash13(ulong m0, ulong m1, ulong m2, int words)
        {
            ulong a = _k0 ^ 0x736f6d6570736575UL;
            ulong b = _k1 ^ 0x646f72616e646f6dUL;
            ulong c = _k0 ^ 0x6c7967656e657261UL;
            ulong d = _k1 ^ 0x7465646279746573UL;
            ulong m3 = (ulong)24 << 56; // 24 bytes: the length block after three words
            int blocks = words > 2 ? 4 : 2;
            // One compression round per block (d ^= m; round; a ^= m), then the finalization. The round is written
            // out in the loop and in the finalization: one loop with a test per round cost a quarter more.
            for (int i = 0; i < blocks; i++)
            {
                d ^= m0;
                a += b; b = (b << 13) | (b >> 51); b ^= a; a = (a << 32) | (a >> 32);
                c += d; d = (d << 16) | (d >> 48); d ^= c;
                a += d; d = (d << 21) | (d >> 43); d ^= a;
                c += b; b = (b << 17) | (b >> 47); b ^= c; c = (c << 32) | (c >> 32);
                a ^= m0;
                m0 = m1; m1 = m2; m2 = m3; // the next block moves up
            }
            c ^= 0xFF;
            // The three finalization rounds written out: the count is fixed, and the loop's test and increment
            // cost about 27 IL instructions per hash.
            a += b; b = (b << 13) | (b >> 51); b ^= a; a = (a << 32) | (a >> 32);
            c += d; d = (d << 16) | (d >> 48); d ^= c;
            a += d; d = (d << 21) | (d >> 43); d ^= a;
            c += b; b = (b << 17) | (b >> 47); b ^= c; c = (c << 32) | (c >> 32);

            a += b; b = (b << 13) | (b >> 51); b ^= a; a = (a << 32) | (a >> 32);
            c += d; d = (d << 16) | (d >> 48); d ^= c;
            a += d; d = (d << 21) | (d >> 43); d ^= a;
            c += b; b = (b << 17) | (b >> 47); b ^= c; c = (c << 32) | (c >> 32);

            a += b; b = (b << 13) | (b >> 51); b ^= a; a = (a << 32) | (a >> 32);
            c += d; d = (d << 16) | (d >> 48); d ^= c;
            a += d; d = (d << 21) | (d >> 43); d ^= a;
            c += b; b = (b << 17) | (b >> 47); b ^= c; c = (c << 32) | (c >> 32);
            return a ^ b ^ c ^ d;
        }
    }
}
