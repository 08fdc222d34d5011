using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using System.Threading;
using NanoTcp.Dns;
using NanoTcp.Sockets;
using NanoTcp.Lan.Tests.Harness;

namespace NanoTcp.Lan.Tests
{
    /// <summary>DNS stub resolver (RFC 1035, RFC 5452) rows N01–N12 against a scripted server.</summary>
    [TestClass]
    public sealed class DnsScenarios
    {
        private const uint Server1 = LanWire.PeerIp, Server2 = LanWire.Peer2Ip;
        private const uint Answer = 0xC6336401; // 198.51.100.1

        private static LanWire NewBoard(params uint[] servers) => new LanWire(c =>
        {
            c.Lan.DnsServers = servers.Length == 0 ? new[] { Server1 } : servers;
        });

        private static int Resolve(LanWire w, string name)
        {
            byte[] n = Encoding.ASCII.GetBytes(name);
            return w.Stack.Dns.Resolve(n, 0, n.Length);
        }

        private static (SentFrame Frame, DnsWire.Question Q) TakeQuery(LanWire w)
        {
            var f = w.SentUdp().Single(s => s.Udp.DestinationPort == 53);
            return (f, DnsWire.Parse(f.Udp.Payload));
        }

        private static void Answer_(LanWire w, SentFrame query, byte[] payload, uint from = Server1, int fromPort = 53)
        {
            byte[] mac = from == Server2 ? LanWire.Peer2Mac : LanWire.PeerMac;
            w.Inject(w.UdpFrame(mac, LanWire.StackMac, from, LanWire.StackIp, fromPort, query.Udp.SourcePort, payload));
        }

        private static LanWire Ready(params uint[] servers)
        {
            var w = NewBoard(servers);
            w.Stack.AddStaticArpEntry(Server1, LanWire.PeerMac, 0);
            w.Stack.AddStaticArpEntry(Server2, LanWire.Peer2Mac, 0);
            return w;
        }

        [TestMethod]
        public void N01_A_query_has_one_question_RD_set_random_id_and_port_and_the_answer_resolves_RFC1035_4_1()
        {
            var w = Ready();
            Assert.AreEqual(DnsStatus.Pending, Resolve(w, "printer.lan"));
            w.Poll();
            var (f, q) = TakeQuery(w);
            Assert.AreEqual(Server1, f.Ip.Destination);
            Assert.IsTrue(f.Udp.SourcePort >= 49152, "ephemeral source port");
            Assert.AreEqual(0x0100, q.Flags, "standard query, RD (RFC 1035 §4.1.1)");
            Assert.AreEqual(1, q.QuestionCount);
            Assert.AreEqual("printer.lan", q.Name);
            Assert.AreEqual(1, q.Type);
            Assert.AreEqual(1, q.Class);
            var r = new DnsWire.Response(q.Id, 0, 1, 1).Question("printer.lan").Record(DnsWire.Ptr(12), 1, 300, DnsWire.A(Answer));
            Answer_(w, f, r.Bytes());
            Assert.AreEqual(DnsStatus.Resolved, w.Stack.Dns.Status);
            Assert.AreEqual(Answer, w.Stack.Dns.Address);
        }

        [TestMethod]
        public void N02_Unanswered_queries_go_to_the_next_server_after_the_timeout_with_new_ids_and_ports_then_time_out_RFC1035_4_2_1_RFC5452_9_2()
        {
            var w = Ready(Server1, Server2);
            Resolve(w, "nas.lan");
            var sent = new System.Collections.Generic.List<(long, SentFrame, DnsWire.Question)>();
            while (w.Now <= 10000)
            {
                long next = w.Poll();
                foreach (var f in w.SentUdp()) sent.Add((w.Now, f, DnsWire.Parse(f.Udp.Payload)));
                if (next == long.MaxValue) break;
                w.Now = System.Math.Max(w.Now + 1, next);
            }
            Assert.AreEqual(4, sent.Count, "DnsAttempts = 4");
            CollectionAssert.AreEqual(new[] { Server1, Server2, Server1, Server2 }, sent.Select(s => s.Item2.Ip.Destination).ToArray());
            CollectionAssert.AreEqual(new long[] { 0, 2000, 4000, 6000 }, sent.Select(s => s.Item1).ToArray());
            Assert.AreEqual(4, sent.Select(s => s.Item3.Id).Distinct().Count(), "new transaction id per query");
            Assert.AreEqual(4, sent.Select(s => s.Item2.Udp.SourcePort).Distinct().Count(), "new source port per query");
            Assert.AreEqual(DnsStatus.Timeout, w.Stack.Dns.Status);
        }

        [TestMethod]
        public void N03_NXDOMAIN_is_NotFound_RFC1035_4_1_1()
        {
            var w = Ready();
            Resolve(w, "nowhere.lan");
            w.Poll();
            var (f, q) = TakeQuery(w);
            Answer_(w, f, new DnsWire.Response(q.Id, 3, 1, 0).Question("nowhere.lan").Bytes());
            Assert.AreEqual(DnsStatus.NotFound, w.Stack.Dns.Status);
        }

        [TestMethod]
        public void N04_A_CNAME_chain_with_compression_is_followed_to_the_A_record_RFC1034_3_6_2()
        {
            var w = Ready();
            Resolve(w, "www.example.lan");
            w.Poll();
            var (f, q) = TakeQuery(w);
            // www.example.lan CNAME edge.example.lan (compressed), an unrelated A, edge CNAME cdn.lan, cdn.lan A.
            var r = new DnsWire.Response(q.Id, 0, 1, 4).Question("www.example.lan");
            r.Record(DnsWire.Ptr(12), 5, 60, new byte[] { 4, (byte)'e', (byte)'d', (byte)'g', (byte)'e', 0xC0, 16 });
            int edgeName = 12 + 17 + 4 + 12; // rdata of the first CNAME
            r.Record(DnsWire.Name("other.lan"), 1, 60, DnsWire.A(0x01010101));
            r.Record(DnsWire.Ptr(edgeName), 5, 60, DnsWire.Name("cdn.lan"));
            int cdnName = r.Offset - 9;
            r.Record(DnsWire.Ptr(cdnName), 1, 60, DnsWire.A(Answer));
            Answer_(w, f, r.Bytes());
            Assert.AreEqual(DnsStatus.Resolved, w.Stack.Dns.Status);
            Assert.AreEqual(Answer, w.Stack.Dns.Address);
        }

        [TestMethod]
        public void N05_Wrong_id_source_port_server_or_question_is_dropped_and_the_lookup_stays_pending_RFC5452_9_1()
        {
            var w = Ready();
            Resolve(w, "printer.lan");
            w.Poll();
            var (f, q) = TakeQuery(w);
            byte[] Good(ushort id, string name) => new DnsWire.Response(id, 0, 1, 1).Question(name).Record(DnsWire.Ptr(12), 1, 300, DnsWire.A(Answer)).Bytes();
            Answer_(w, f, Good((ushort)(q.Id ^ 1), "printer.lan"));
            Answer_(w, f, Good(q.Id, "printer.evil"));
            Answer_(w, f, Good(q.Id, "printer.lan"), from: Server2);
            Answer_(w, f, Good(q.Id, "printer.lan"), fromPort: 5353);
            Assert.AreEqual(4, w.Drops(DropReason.DnsUnexpected));
            Assert.AreEqual(DnsStatus.Pending, w.Stack.Dns.Status);
            Answer_(w, f, Good(q.Id, "PRINTER.lan"));
            Assert.AreEqual(DnsStatus.Resolved, w.Stack.Dns.Status, "names compare case-insensitively (RFC 4343)");
        }

        [TestMethod]
        public void N06_Truncated_looping_out_of_range_overlong_labels_and_1000_answers_are_dropped_and_counted_RFC1035_4_1_4()
        {
            var w = Ready();
            Resolve(w, "printer.lan");
            w.Poll();
            var (f, q) = TakeQuery(w);
            byte[] good = new DnsWire.Response(q.Id, 0, 1, 1).Question("printer.lan").Record(DnsWire.Ptr(12), 1, 300, DnsWire.A(Answer)).Bytes();
            // Truncated inside the answer.
            Answer_(w, f, good.Take(good.Length - 3).ToArray());
            // The answer's owner is a pointer to itself (a loop).
            int rr = 12 + 13 + 4;
            Answer_(w, f, new DnsWire.Response(q.Id, 0, 1, 1).Question("printer.lan").Record(DnsWire.Ptr(rr), 1, 300, DnsWire.A(Answer)).Bytes());
            // A pointer past the end of the message.
            Answer_(w, f, new DnsWire.Response(q.Id, 0, 1, 1).Question("printer.lan").Record(DnsWire.Ptr(900), 1, 300, DnsWire.A(Answer)).Bytes());
            // A label length running past the end.
            Answer_(w, f, new DnsWire.Response(q.Id, 0, 1, 1).Question("printer.lan").Raw(60, (byte)'x').Bytes());
            // 1000 answers claimed (and present).
            var many = new DnsWire.Response(q.Id, 0, 1, 1000).Question("printer.lan");
            for (int i = 0; i < 1000; i++) many.Record(DnsWire.Ptr(12), 16, 1, new byte[] { 0 });
            Answer_(w, f, many.Bytes().Take(1400).ToArray());
            Assert.AreEqual(5, w.Drops(DropReason.DnsMalformed));
            Assert.AreEqual(DnsStatus.Pending, w.Stack.Dns.Status);
            Answer_(w, f, good);
            Assert.AreEqual(DnsStatus.Resolved, w.Stack.Dns.Status);
        }

        [TestMethod]
        public void N07_Answers_are_cached_for_their_TTL_RFC1035_7_4()
        {
            var w = Ready();
            Resolve(w, "printer.lan");
            w.Poll();
            var (f, q) = TakeQuery(w);
            Answer_(w, f, new DnsWire.Response(q.Id, 0, 1, 1).Question("printer.lan").Record(DnsWire.Ptr(12), 1, 30, DnsWire.A(Answer)).Bytes());
            w.Now += 29000;
            w.Poll();
            Assert.AreEqual(DnsStatus.Resolved, Resolve(w, "Printer.LAN"), "cache hit");
            Assert.AreEqual(Answer, w.Stack.Dns.Address);
            w.Now += 1000;
            w.Poll();
            Assert.AreEqual(DnsStatus.Pending, Resolve(w, "printer.lan"), "expired after 30 s");
        }

        [TestMethod]
        public void N08_SERVFAIL_moves_to_the_next_server_at_once_RFC1035_7_3()
        {
            var w = Ready(Server1, Server2);
            Resolve(w, "printer.lan");
            w.Poll();
            var (f, q) = TakeQuery(w);
            Answer_(w, f, new DnsWire.Response(q.Id, 2, 1, 0).Question("printer.lan").Bytes());
            w.Poll();
            var (f2, _) = TakeQuery(w);
            Assert.AreEqual(Server2, f2.Ip.Destination);
            Assert.AreEqual(0, w.Now, "no timeout waited");
        }

        [TestMethod]
        public void N09_Addresses_resolve_at_once_bad_names_and_missing_servers_are_reported()
        {
            var w = Ready();
            Assert.AreEqual(DnsStatus.Resolved, Resolve(w, "192.0.2.77"));
            Assert.AreEqual(0xC000024Du, w.Stack.Dns.Address);
            Assert.AreEqual(DnsStatus.InvalidName, Resolve(w, "bad..name"));
            Assert.AreEqual(DnsStatus.InvalidName, Resolve(w, "sp ace"));
            Assert.AreEqual(DnsStatus.InvalidName, Resolve(w, new string('a', 64) + ".lan"));
            var none = new LanWire();
            Assert.AreEqual(DnsStatus.NoServer, Resolve(none, "printer.lan"));
        }

        [TestMethod]
        public void N10_DNS_server_comes_from_the_DHCP_lease_RFC2132_3_8()
        {
            var w = new LanWire(c => { c.Lan.Dhcp = true; c.Lan.DhcpProbe = false; });
            var server = new DhcpServerScript(w);
            server.Bind();
            w.Stack.AddStaticArpEntry(server.Dns, LanWire.Peer2Mac, 0);
            Resolve(w, "printer.lan");
            w.Poll();
            var f = w.SentUdp().Single(s => s.Udp.DestinationPort == 53);
            Assert.AreEqual(server.Dns, f.Ip.Destination);
        }

        /// <summary>
        /// The Sockets seam: a caller thread blocks in <see cref="DnsHostNameResolver.Resolve"/> while the thread that
        /// steps the pump plays the server (it answers under the pump's lock, like any other API user).
        /// </summary>
        private static (int Error, IPAddress Address) ResolveThroughPump(LanWire w, string name, int rcode)
        {
            var pump = new NetworkPump(w.Stack);
            var resolver = new DnsHostNameResolver(pump);
            int error = 1;
            IPAddress address = null;
            var caller = new Thread(() => error = resolver.Resolve(name, -1, out address)) { IsBackground = true };
            caller.Start();
            for (int step = 0; step < 5000 && caller.IsAlive; step++)
            {
                pump.Step(w.Now);
                lock (pump.SyncRoot)
                {
                    foreach (var f in w.SentUdp().Where(s => s.Udp.DestinationPort == 53))
                    {
                        var q = DnsWire.Parse(f.Udp.Payload);
                        var r = new DnsWire.Response(q.Id, rcode, 1, rcode == 0 ? 1 : 0).Question(q.Name);
                        if (rcode == 0) r.Record(DnsWire.Ptr(12), 1, 300, DnsWire.A(Answer));
                        Answer_(w, f, r.Bytes());
                    }
                }
                Thread.Sleep(1);
                w.Now += 10;
            }
            Assert.IsTrue(caller.Join(10000), "Resolve returned");
            return (error, address);
        }

        [TestMethod]
        public void N11_TcpClient_names_resolve_through_the_pump_Resolver_DnsHostNameResolver()
        {
            var (error, address) = ResolveThroughPump(Ready(), "printer.lan", 0);
            Assert.AreEqual(TcpError.None, error);
            Assert.AreEqual(Answer, address.ToUInt32());
            (error, address) = ResolveThroughPump(Ready(), "nowhere.lan", 3);
            Assert.AreEqual(TcpError.Unreachable, error, "NXDOMAIN (RFC 1035 §4.1.1 RCODE 3)");
            Assert.IsNull(address);
        }

        [TestMethod]
        public void N12_A_lookup_joins_the_one_poll_contract_PollAt_now_then_Poll_returns_the_retry_deadline()
        {
            var w = Ready();
            w.Now = 5000;
            Assert.AreEqual(long.MaxValue, w.Poll(), "nothing armed");
            w.Now = 6000; // the application sleeps; nothing polls until it calls the resolver
            Assert.AreEqual(DnsStatus.Pending, Resolve(w, "printer.lan"));
            Assert.AreEqual(5000, w.Stack.PollAt, "the query waits for a Poll: PollAt is the time of the last one");
            Assert.AreEqual(6000 + w.Config.Lan.DnsTimeoutMs, w.Poll(), "the query went out; the next deadline is its retry");
            Assert.AreEqual(1, w.SentUdp().Count(s => s.Udp.DestinationPort == 53));
        }
    }
}
