using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;

namespace NanoTcp.Scenarios.BuildingBlocks
{
    /// <summary>RFC 4987 §3.6 SYN cookies on their own: golden values, MSS table, time window, tamper detection.</summary>
    [TestClass]
    public sealed class SynCookieTests
    {
        private const uint Local = 0xC0000202, Remote = 0xC0000263;
        private const int LocalPort = 23, RemotePort = 40000;
        private const uint ClientIsn = 0x12345678;
        private const long T0 = 10 * 65536 + 500; // counter 10

        private static SynCookie NewCookies(byte first = 0)
        {
            var key = new byte[16];
            for (int i = 0; i < 16; i++) key[i] = (byte)(first + i);
            return new SynCookie(new InitialSequenceNumber(key));
        }

        [TestMethod]
        public void Golden_LayoutAndValueAreStable()
        {
            uint c = NewCookies().Encode(Local, LocalPort, Remote, RemotePort, ClientIsn, 1460, T0);
            Assert.AreEqual(10u, c >> 27, "time counter in the top 5 bits");
            Assert.AreEqual(7u, (c >> 24) & 7, "1460 is table entry 7");
            Assert.AreEqual(GoldenCookie, c, $"0x{c:X8}");
        }

        private const uint GoldenCookie = 0x57A7DEAE;

        [TestMethod]
        public void Golden_Rfc6528IsnsAreUnchangedByTheHashDomains()
        {
            var isn = new InitialSequenceNumber(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 });
            Assert.AreEqual(GoldenIsn, isn.Next(Local, LocalPort, Remote, RemotePort, 0), $"0x{isn.Next(Local, LocalPort, Remote, RemotePort, 0):X8}");
            Assert.AreEqual(isn.Hash(Local, LocalPort, Remote, RemotePort, InitialSequenceNumber.DomainIsn), isn.Next(Local, LocalPort, Remote, RemotePort, 0));
            Assert.AreNotEqual(isn.Hash(Local, LocalPort, Remote, RemotePort, InitialSequenceNumber.DomainIsn),
                               isn.Hash(Local, LocalPort, Remote, RemotePort, InitialSequenceNumber.DomainEphemeralPort));
        }

        private const uint GoldenIsn = 0x2AA4353F;

        /// <summary>
        /// The keyed hash is standard SipHash-1-3: with a zero key, the 12-byte message (remote IP, local IP, ports,
        /// little-endian as the words are packed) hashes to what CPython 3.11+ returns, whose str/bytes hash is
        /// SipHash-1-3 keyed with zeros under PYTHONHASHSEED=0:
        /// <c>hash(struct.pack('&lt;QI', (0xC0000202 &lt;&lt; 32) | 0xC0000263, (23 &lt;&lt; 16) | 40000)) &amp; 0xFFFFFFFF</c>.
        /// </summary>
        [TestMethod]
        public void Hash_IsSipHash13AsCPythonComputesIt()
        {
            var isn = new InitialSequenceNumber(new byte[16]);
            Assert.AreEqual(0x3C504811u, isn.Hash(Local, LocalPort, Remote, RemotePort, InitialSequenceNumber.DomainIsn));
        }

        [TestMethod]
        public void RoundTrip_CarriesTheMssRoundedDownToTheTable()
        {
            SynCookie s = NewCookies();
            int[] asked = { 1460, 1400, 536, 100, 9000, 20 };
            int[] carried = { 1460, 1360, 536, 64, 1460, 64 };
            for (int i = 0; i < asked.Length; i++)
            {
                uint c = s.Encode(Local, LocalPort, Remote, RemotePort, ClientIsn, asked[i], T0);
                Assert.AreEqual(carried[i], s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c, T0 + 1000), "mss " + asked[i]);
            }
        }

        [TestMethod]
        public void Validate_AcceptsThisAndTheNextPeriodOnly()
        {
            SynCookie s = NewCookies();
            uint c = s.Encode(Local, LocalPort, Remote, RemotePort, ClientIsn, 1460, T0);
            Assert.AreEqual(1460, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c, T0 + 65536));
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c, T0 + 2 * 65536), "expired");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c, T0 + 32 * 65536), "counter wrapped: still expired");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c, T0 - 65536), "from the future");
        }

        [TestMethod]
        public void Validate_RejectsAnyChangedInput()
        {
            SynCookie s = NewCookies();
            uint c = s.Encode(Local, LocalPort, Remote, RemotePort, ClientIsn, 1460, T0);
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote + 1, RemotePort, ClientIsn, c, T0), "other source address");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort + 1, ClientIsn, c, T0), "other source port");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort + 1, Remote, RemotePort, ClientIsn, c, T0), "other listener");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn + 1, c, T0), "other client ISN");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c ^ (1u << 24), T0), "MSS bits changed");
            Assert.AreEqual(-1, s.Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c ^ 1u, T0), "hash bit changed");
            Assert.AreEqual(-1, NewCookies(1).Validate(Local, LocalPort, Remote, RemotePort, ClientIsn, c, T0), "other secret");
        }
    }
}
