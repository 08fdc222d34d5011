using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Lan.Tests.Harness;
using NanoTcp.Mdns;

namespace NanoTcp.Lan.Tests
{
    /// <summary>mDNS responder (RFC 6762) rows M01–M09 in virtual time.</summary>
    [TestClass]
    public sealed class MdnsScenarios
    {
        private static readonly byte[] GroupMac = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };
        private const uint Group = 0xE00000FB;

        private static LanWire Ready()
        {
            var w = new LanWire(c => c.Lan.Mdns = true);
            w.RunUntil(5000);
            Assert.AreEqual(MdnsState.Ready, w.Stack.Mdns.State);
            w.Sent();
            return w;
        }

        private static byte[] Query(ushort id, string name, int type = 1, bool qu = false)
            => new DnsWire.Response(id, 0, 1, 0, flags: 0).Raw(DnsWire.Name(name)).Add16(type).Add16(qu ? 0x8001 : 1).Bytes();

        private static void FromPeer(LanWire w, int sport, byte[] payload, uint to = Group)
            => w.Inject(w.UdpFrame(LanWire.PeerMac, to == Group ? GroupMac : LanWire.StackMac, LanWire.PeerIp, to, sport, 5353, payload, ttl: 255));

        [TestMethod]
        public void M01_Legacy_one_shot_query_from_another_port_gets_a_unicast_reply_with_id_question_and_TTL_10_RFC6762_6_7()
        {
            var w = Ready();
            FromPeer(w, 40000, Query(0x1234, "nanotcp.local"));
            var f = w.SentUdp().Single();
            Assert.AreEqual(LanWire.PeerIp, f.Ip.Destination);
            CollectionAssert.AreEqual(LanWire.PeerMac, f.Ethernet.Destination);
            Assert.AreEqual(40000, f.Udp.DestinationPort);
            Assert.AreEqual(5353, f.Udp.SourcePort);
            Assert.AreEqual(255, f.Ip.Ttl);
            var m = DnsWire.Parse(f.Udp.Payload);
            Assert.AreEqual(0x1234, m.Id);
            Assert.AreEqual(1, m.QuestionCount);
            Assert.AreEqual("nanotcp.local", m.Name);
            var a = m.Answers.Single();
            Assert.AreEqual("nanotcp.local", a.Name);
            Assert.AreEqual(1, a.Type);
            Assert.AreEqual(1, a.Class, "no cache-flush bit in legacy replies");
            Assert.IsTrue(a.Ttl <= 10);
            CollectionAssert.AreEqual(DnsWire.A(LanWire.StackIp), a.Data);
        }
    
        [TestMethod]
        public void M02_Three_probes_250_ms_apart_then_two_announcements_1_s_apart_RFC6762_8_1_8_3()
        {
            var w = new LanWire(c => c.Lan.Mdns = true);
            var seen = new List<(long, SentFrame, DnsWire.Question)>();
            while (w.Now < 5000)
            {
                long next = w.Poll();
                foreach (var f in w.SentUdp()) seen.Add((w.Now, f, DnsWire.Parse(f.Udp.Payload)));
                w.Now = System.Math.Min(5000, System.Math.Max(w.Now + 1, next));
            }
            Assert.AreEqual(5, seen.Count);
            var probes = seen.Take(3).ToList();
            Assert.IsTrue(probes[0].Item1 <= 250, "first probe within 0-250 ms");
            foreach (var (t, f, q) in probes)
            {
                Assert.AreEqual(Group, f.Ip.Destination);
                CollectionAssert.AreEqual(GroupMac, f.Ethernet.Destination);
                Assert.AreEqual(255, f.Ip.Ttl, "RFC 6762 §11");
                Assert.AreEqual(0, q.Flags & 0x8000, "a query");
                Assert.AreEqual("nanotcp.local", q.Name);
                Assert.AreEqual(255, q.Type, "ANY (§8.1)");
                Assert.AreEqual(0x8001, q.Class, "QU bit (§8.1)");
                Assert.AreEqual(1, Scenarios.Harness.Wire.Bytes.U16(f.Udp.Payload, 8), "proposed record in the authority section (§8.2)");
            }
            Assert.AreEqual(250, probes[1].Item1 - probes[0].Item1);
            Assert.AreEqual(250, probes[2].Item1 - probes[1].Item1);
            var announce = seen.Skip(3).ToList();
            Assert.AreEqual(1000, announce[1].Item1 - announce[0].Item1);
            foreach (var (_, f, q) in announce)
            {
                Assert.AreEqual(0x8400, q.Flags, "authoritative response");
                var a = q.Answers.Single();
                Assert.AreEqual("nanotcp.local", a.Name);
                Assert.AreEqual(0x8001, a.Class, "cache-flush (§10.2)");
                Assert.AreEqual(120u, a.Ttl, "host records 120 s (§10)");
                CollectionAssert.AreEqual(DnsWire.A(LanWire.StackIp), a.Data);
            }
            Assert.AreEqual(MdnsState.Ready, w.Stack.Mdns.State);
        }

        [TestMethod]
        public void M03_Multicast_question_gets_a_multicast_answer_at_most_once_a_second_RFC6762_6()
        {
            var w = Ready();
            FromPeer(w, 5353, Query(0, "NanoTcp.local"));
            var f = w.SentUdp().Single();
            Assert.AreEqual(Group, f.Ip.Destination);
            Assert.AreEqual(5353, f.Udp.DestinationPort);
            Assert.AreEqual(0, DnsWire.Parse(f.Udp.Payload).Id, "multicast responses carry id 0 (§18.1)");
            FromPeer(w, 5353, Query(0, "nanotcp.local"));
            Assert.AreEqual(0, w.SentUdp().Count, "rate limit (§6)");
            w.Now += 1000;
            FromPeer(w, 5353, Query(0, "nanotcp.local"));
            Assert.AreEqual(1, w.SentUdp().Count);
        }

        [TestMethod]
        public void M04_QU_question_is_answered_by_unicast_and_other_names_or_types_get_nothing_RFC6762_5_4()
        {
            var w = Ready();
            FromPeer(w, 5353, Query(0, "nanotcp.local", qu: true));
            var f = w.SentUdp().Single();
            Assert.AreEqual(LanWire.PeerIp, f.Ip.Destination);
            FromPeer(w, 5353, Query(0, "other.local"));
            FromPeer(w, 5353, Query(0, "nanotcp.local", type: 28)); // AAAA: we have none
            Assert.AreEqual(0, w.SentUdp().Count);
        }

        [TestMethod]
        public void M05_Known_answer_suppresses_the_reply_RFC6762_7_1()
        {
            var w = Ready();
            var q = new DnsWire.Response(0, 0, 1, 1, flags: 0).Raw(DnsWire.Name("nanotcp.local")).Add16(1).Add16(1)
                .Record(DnsWire.Ptr(12), 1, 120, DnsWire.A(LanWire.StackIp)).Bytes();
            FromPeer(w, 5353, q);
            Assert.AreEqual(0, w.SentUdp().Count);
        }

        [TestMethod]
        public void M06_A_conflicting_answer_renames_to_nanotcp_2_and_probes_again_RFC6762_9()
        {
            var w = Ready();
            var other = new DnsWire.Response(0, 0, 0, 1, flags: 0x8400).Record(DnsWire.Name("nanotcp.local"), 1, 120, DnsWire.A(0xC0000209)).Bytes();
            FromPeer(w, 5353, other);
            Assert.AreEqual(1, w.Stack.Mdns.Conflicts);
            Assert.AreEqual("nanotcp-2.local", w.Stack.Mdns.Name);
            Assert.AreEqual(MdnsState.Probing, w.Stack.Mdns.State);
            w.RunUntil(w.Now + 4000);
            Assert.AreEqual(MdnsState.Ready, w.Stack.Mdns.State);
            FromPeer(w, 40000, Query(7, "nanotcp-2.local"));
            Assert.AreEqual("nanotcp-2.local", DnsWire.Parse(w.SentUdp().Last().Udp.Payload).Answers.Single().Name);
        }

        [TestMethod]
        public void M07_A_conflict_while_probing_renames_before_the_name_is_ever_announced_RFC6762_8_1()
        {
            var w = new LanWire(c => c.Lan.Mdns = true);
            w.RunUntil(300);
            var sent = w.SentUdp();
            Assert.IsTrue(sent.Count >= 1);
            var other = new DnsWire.Response(0, 0, 0, 1, flags: 0x8400).Record(DnsWire.Name("nanotcp.local"), 1, 120, DnsWire.A(0xC0000209)).Bytes();
            FromPeer(w, 5353, other);
            w.RunUntil(5000);
            var names = w.SentUdp().Select(f => DnsWire.Parse(f.Udp.Payload)).Where(m => (m.Flags & 0x8000) != 0).Select(m => m.Answers.Single().Name).Distinct().ToList();
            CollectionAssert.AreEqual(new[] { "nanotcp-2.local" }, names);
        }

        [TestMethod]
        public void M08_Address_change_probes_and_announces_the_new_address_RFC6762_8_4()
        {
            var w = Ready();
            w.Stack.SetAddress(0xC0000299, 0xFFFFFF00, LanWire.PeerIp);
            w.RunUntil(w.Now + 5000);
            var answers = w.SentUdp().Select(f => DnsWire.Parse(f.Udp.Payload)).Where(m => (m.Flags & 0x8000) != 0).ToList();
            Assert.AreEqual(2, answers.Count);
            CollectionAssert.AreEqual(DnsWire.A(0xC0000299), answers[0].Answers.Single().Data);
        }

        [TestMethod]
        public void M09_Malformed_mDNS_is_dropped_and_counted_and_the_responder_still_answers()
        {
            var w = Ready();
            byte[] good = Query(1, "nanotcp.local");
            FromPeer(w, 5353, good.Take(20).ToArray());                               // label past the end
            var loop = new DnsWire.Response(0, 0, 1, 0, flags: 0).Pointer(12).Add16(1).Add16(1).Bytes();
            FromPeer(w, 5353, loop);                                                  // pointer to itself
            var many = new DnsWire.Response(0, 0, 1, 1000, flags: 0).Raw(DnsWire.Name("x.local")).Add16(1).Add16(1).Bytes();
            FromPeer(w, 5353, many);                                                  // 1000 answers claimed
            FromPeer(w, 5353, new byte[5]);                                           // shorter than a header
            Assert.AreEqual(4, w.Drops(DropReason.MdnsMalformed));
            FromPeer(w, 40000, good);
            Assert.AreEqual(1, w.SentUdp().Count);
        }
    }
}
