using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Lan.Tests.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests
{
    /// <summary>SNTP client (RFC 4330) rows T01–T05 against a scripted server, with a test-side NTP codec.</summary>
    [TestClass]
    public sealed class SntpScenarios
    {
        private const uint Server = LanWire.PeerIp;
        // 2026-12-02T06:00:00Z as NTP seconds (Unix 1796191200 + 2208988800).
        private const long UnixSeconds = 1796191200;

        private static LanWire Board()
        {
            var w = new LanWire(c => { c.Lan.Sntp = true; c.Lan.SntpServer = Server; c.Lan.SntpIntervalMs = 600000; });
            w.Stack.AddStaticArpEntry(Server, LanWire.PeerMac, 0);
            return w;
        }

        private static byte[] Reply(byte[] request, int stratum = 2, int mode = 4, int leap = 0, long unixSeconds = UnixSeconds, uint fraction = 0x80000000)
        {
            var r = new byte[48];
            r[0] = (byte)((leap << 6) | (4 << 3) | mode);
            r[1] = (byte)stratum;
            System.Array.Copy(request, 40, r, 24, 8); // originate = the request's transmit (RFC 4330 §4)
            uint ntp = (uint)(unixSeconds + 2208988800L);
            Bytes.Put32(r, 32, ntp); Bytes.Put32(r, 40, ntp); Bytes.Put32(r, 44, fraction);
            return r;
        }

        private static SentFrame Request(LanWire w) => w.SentUdp().Single(f => f.Udp.DestinationPort == 123);

        private static void Answer(LanWire w, SentFrame req, byte[] payload, uint from = Server)
            => w.Inject(w.UdpFrame(LanWire.PeerMac, LanWire.StackMac, from, LanWire.StackIp, 123, req.Udp.SourcePort, payload));

        [TestMethod]
        public void T01_Request_is_a_48_byte_version_4_client_message_with_a_random_transmit_nonce_RFC4330_5()
        {
            var w = Board();
            w.Poll();
            var f = Request(w);
            Assert.AreEqual(48, f.Udp.Payload.Length);
            Assert.AreEqual((4 << 3) | 3, f.Udp.Payload[0], "LI 0, VN 4, mode 3");
            Assert.IsTrue(f.Udp.Payload.Skip(40).Any(x => x != 0), "transmit timestamp set");
            Assert.IsTrue(f.Udp.Payload.Skip(1).Take(39).All(x => x == 0), "everything but the first byte and the transmit time is zero");
        }

        [TestMethod]
        public void T02_A_valid_reply_sets_UTC_from_transmit_plus_half_the_round_trip_and_the_poll_clock_is_untouched_RFC4330_5()
        {
            var w = Board();
            w.Now = 10000;
            w.Poll();
            var f = Request(w);
            w.Now = 10400;
            Answer(w, f, Reply(f.Udp.Payload));
            Assert.IsTrue(w.Stack.Sntp.Synchronized);
            Assert.AreEqual(2, w.Stack.Sntp.Stratum);
            Assert.AreEqual(UnixSeconds * 1000 + 500 + 200, w.Stack.Sntp.UnixTimeMs(10400));
            Assert.AreEqual(UnixSeconds * 1000 + 700 + 5000, w.Stack.Sntp.UnixTimeMs(15400));
            w.RunUntil(10400 + 600000 - 1);
            Assert.AreEqual(0, w.SentUdp().Count, "next request after the interval");
            w.RunUntil(10400 + 600000);
            Assert.AreEqual(1, w.SentUdp().Count);
        }

        [TestMethod]
        public void T03_Replies_that_do_not_echo_our_nonce_or_come_from_elsewhere_or_are_not_mode_4_are_dropped_RFC4330_5()
        {
            var w = Board();
            w.Poll();
            var f = Request(w);
            var wrongNonce = (byte[])f.Udp.Payload.Clone();
            wrongNonce[47] ^= 1;
            Answer(w, f, Reply(wrongNonce));
            Answer(w, f, Reply(f.Udp.Payload, mode: 5));
            Answer(w, f, Reply(f.Udp.Payload), from: LanWire.Peer2Ip);
            Answer(w, f, Reply(f.Udp.Payload).Take(40).ToArray());
            Assert.AreEqual(4, w.Drops(DropReason.SntpInvalid));
            Assert.IsFalse(w.Stack.Sntp.Synchronized);
        }

        [TestMethod]
        public void T04_Kiss_of_death_and_unsynchronised_servers_are_not_believed_RFC4330_8()
        {
            var w = Board();
            w.Poll();
            var f = Request(w);
            Answer(w, f, Reply(f.Udp.Payload, stratum: 0));
            Assert.IsFalse(w.Stack.Sntp.Synchronized);
            w.RunUntil(w.Now + 64000);
            var g = Request(w);
            Answer(w, g, Reply(g.Udp.Payload, leap: 3));
            Assert.IsFalse(w.Stack.Sntp.Synchronized);
        }

        [TestMethod]
        public void T05_Unanswered_requests_back_off_2_4_8_s_RFC4330_10()
        {
            var w = Board();
            var times = new System.Collections.Generic.List<long>();
            while (w.Now < 15000)
            {
                long next = w.Poll();
                if (w.SentUdp().Count > 0) times.Add(w.Now);
                w.Now = System.Math.Max(w.Now + 1, next);
            }
            CollectionAssert.AreEqual(new long[] { 0, 2000, 6000, 14000 }, times.ToArray());
        }
    }
}
