using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.Lan.Tests.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests
{
    /// <summary>DHCP client (RFC 2131, RFC 2132, RFC 5227) rows D01–D14, in virtual time against a scripted server.</summary>
    [TestClass]
    public sealed class DhcpScenarios
    {
        private static LanWire NewBoard(System.Action<StackConfig> more = null) => new LanWire(c =>
        {
            c.Lan.Dhcp = true;
            more?.Invoke(c);
        });

        [TestMethod]
        public void D01_Discover_is_a_broadcast_from_0_0_0_0_with_client_id_host_name_and_parameter_list_RFC2131_4_4_1()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            Assert.AreEqual(0u, w.Stack.IpAddress, "no address before the lease");
            w.Poll();
            var (frame, d) = server.TakeDhcp().Single();
            CollectionAssert.AreEqual(LanWire.BroadcastMac, frame.Ethernet.Destination);
            Assert.AreEqual(0u, frame.Ip.Source);
            Assert.AreEqual(0xFFFFFFFFu, frame.Ip.Destination);
            Assert.AreEqual(68, frame.Udp.SourcePort);
            Assert.AreEqual(1, d.Op);
            Assert.AreEqual(1, d.MessageType);
            Assert.AreEqual(0x8000, d.Flags, "BROADCAST flag (RFC 2131 §4.1)");
            CollectionAssert.AreEqual(LanWire.StackMac, d.Chaddr);
            CollectionAssert.AreEqual(new byte[] { 1, 2, 0, 0, 0, 0, 2 }, d.Option(61), "client id = type 1 + MAC (RFC 2132 §9.14)");
            Assert.AreEqual("nanotcp", Encoding.ASCII.GetString(d.Option(12)));
            CollectionAssert.IsSubsetOf(new byte[] { 1, 3, 6, 42, 51 }, d.Option(55));
            Assert.IsTrue(d.EncodedLength >= 300, "BOOTP minimum size (RFC 1542 §2.1)");
            Assert.AreEqual(DhcpState.Selecting, w.Stack.Dhcp.State);
        }

        [TestMethod]
        public void D02_Offer_request_ack_then_ARP_probes_then_bound_with_mask_router_dns_ntp_RFC2131_3_1_RFC5227_2_1()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            var (discover, request) = server.Offer();
            Assert.AreEqual(3, request.MessageType);
            Assert.AreEqual(discover.Xid, request.Xid);
            Assert.AreEqual(server.Offered, request.Address(50), "requested address (RFC 2131 §4.3.2)");
            Assert.AreEqual(server.ServerIp, request.Address(54), "server identifier in SELECTING");
            Assert.AreEqual(0u, request.Ciaddr);
            server.Send(server.Reply(request, 5, server.Offered));
            Assert.AreEqual(DhcpState.Probing, w.Stack.Dhcp.State);
            Assert.AreEqual(0u, w.Stack.IpAddress, "not used before the probe ends");
            long ackAt = w.Now;
            var probes = new List<(long, ArpPacket)>();
            for (int i = 0; i < 100 && w.Stack.Dhcp.State == DhcpState.Probing; i++)
            {
                long next = w.Poll();
                foreach (var f in w.Sent()) if (f.Arp != null) probes.Add((w.Now, f.Arp));
                w.Now = System.Math.Max(w.Now + 1, next);
            }
            Assert.AreEqual(3, probes.Count(p => p.Item2.SenderIp == 0), "PROBE_NUM = 3 probes from 0.0.0.0");
            foreach (var (_, a) in probes.Take(3)) Assert.AreEqual(server.Offered, a.TargetIp);
            Assert.IsTrue(probes[0].Item1 - ackAt <= 1000, "first probe within PROBE_WAIT");
            for (int i = 1; i < 3; i++)
            {
                long gap = probes[i].Item1 - probes[i - 1].Item1;
                Assert.IsTrue(gap >= 1000 && gap <= 2000, "PROBE_MIN..PROBE_MAX, was " + gap);
            }
            Assert.IsTrue(w.Now - probes[2].Item1 >= 2000, "ANNOUNCE_WAIT after the last probe");
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State);
            Assert.AreEqual(server.Offered, w.Stack.IpAddress);
            Assert.AreEqual(server.Mask, w.Stack.SubnetMask);
            Assert.AreEqual(server.Router, w.Stack.Gateway);
            Assert.AreEqual(server.Dns, w.Stack.Dhcp.Lease.Dns1);
            Assert.AreEqual(server.Ntp, w.Stack.Dhcp.Lease.NtpServer);
            w.Poll();
            var announce = w.Sent().Single(f => f.Arp != null).Arp;
            Assert.AreEqual(server.Offered, announce.SenderIp, "gratuitous ARP announces the new address (RFC 5227 §2.3)");
        }

        [TestMethod]
        public void D03_Unanswered_discovers_back_off_4_8_16_32_64_64_s_randomised_by_1_s_RFC2131_4_1()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            var times = new List<long>();
            while (w.Now < 250000)
            {
                long next = w.Poll();
                if (server.TakeDhcp().Any(m => m.Dhcp.MessageType == 1)) times.Add(w.Now);
                w.Now = System.Math.Max(w.Now + 1, next);
            }
            long[] nominal = { 4000, 8000, 16000, 32000, 64000, 64000 };
            Assert.IsTrue(times.Count >= 7, "discovers sent: " + times.Count);
            for (int i = 0; i < nominal.Length; i++)
            {
                long gap = times[i + 1] - times[i];
                Assert.IsTrue(gap >= nominal[i] - 1000 && gap <= nominal[i] + 1000, $"gap {i}: {gap} ms, want {nominal[i]} ± 1000");
            }
            // The same seed gives the same schedule; the jitter makes it differ from the nominal one.
            Assert.IsTrue(Enumerable.Range(0, 6).Any(i => times[i + 1] - times[i] != nominal[i]), "randomised");
        }

        [TestMethod]
        public void D04_Renew_at_T1_is_a_unicast_request_with_ciaddr_and_the_ack_moves_the_timers_RFC2131_4_4_5()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            var first = server.Bind();
            long t1 = w.Stack.Dhcp.Lease.RenewAtMs;
            Assert.AreEqual(w.Stack.Dhcp.Lease.StartMs + 1800000, t1, "T1 = 0.5 lease");
            Assert.AreEqual(w.Stack.Dhcp.Lease.StartMs + 3150000, w.Stack.Dhcp.Lease.RebindAtMs, "T2 = 0.875 lease");
            w.RunUntil(t1 - 1);
            Assert.AreEqual(0, server.TakeDhcp().Count);
            w.RunUntil(t1);
            var arp = w.Sent().Single(f => f.Arp != null).Arp;
            Assert.AreEqual(server.ServerIp, arp.TargetIp, "resolves the server for the unicast renew");
            w.AnswerArp(server.ServerIp, server.ServerMac);
            w.RunUntil(w.Now + 300);
            var (frame, renew) = server.TakeDhcp().Single();
            Assert.AreEqual(server.ServerIp, frame.Ip.Destination);
            Assert.AreEqual(server.Offered, frame.Ip.Source);
            Assert.AreEqual(server.Offered, renew.Ciaddr);
            Assert.IsNull(renew.Option(50), "no requested address in RENEWING (RFC 2131 table 5)");
            Assert.IsNull(renew.Option(54), "no server identifier in RENEWING");
            Assert.AreEqual(DhcpState.Renewing, w.Stack.Dhcp.State);
            server.Send(server.Reply(renew, 5, server.Offered), server.Offered);
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State);
            Assert.IsTrue(w.Stack.Dhcp.Lease.RenewAtMs > t1 + 1000000);
            Assert.AreEqual(server.Offered, w.Stack.IpAddress);
        }

        [TestMethod]
        public void D05_No_answer_to_renewing_rebinds_at_T2_by_broadcast_and_expiry_takes_the_address_and_resets_TCP_RFC2131_4_4_5()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            server.Bind();
            w.Stack.AddStaticArpEntry(server.ServerIp, server.ServerMac, 0);
            DhcpLease lease = w.Stack.Dhcp.Lease;
            long t1 = lease.RenewAtMs, t2 = lease.RebindAtMs, expiry = lease.ExpiresAtMs;
            w.RunUntil(t1);
            Assert.AreEqual(server.ServerIp, server.TakeDhcp().Single().Frame.Ip.Destination, "renew at T1, unicast");
            // RFC 2131 §4.4.5: the next request waits half the time left until T2 (1350 s / 2).
            w.RunUntil(t1 + 675000 - 1);
            Assert.AreEqual(0, server.TakeDhcp().Count);
            w.RunUntil(t1 + 675000);
            Assert.AreEqual(1, server.TakeDhcp().Count);
            w.RunUntil(t2 - 1);
            var renewing = server.TakeDhcp();
            Assert.IsTrue(renewing.Count >= 2 && renewing.All(m => m.Frame.Ip.Destination == server.ServerIp));
            w.RunUntil(t2);
            var rebind = server.TakeDhcp().Single();
            Assert.AreEqual(0xFFFFFFFFu, rebind.Frame.Ip.Destination);
            Assert.AreEqual(server.Offered, rebind.Dhcp.Ciaddr);
            Assert.AreEqual(DhcpState.Rebinding, w.Stack.Dhcp.State);
            int generation = w.Stack.AddressGeneration;
            w.RunUntil(expiry - 5000);
            w.Stack.AddStaticArpEntry(LanWire.PeerIp, LanWire.PeerMac, 0);
            int conn = w.Stack.Connect(LanWire.PeerIp, 80);
            Assert.IsTrue(conn >= 0);
            w.RunUntil(expiry - 1);
            Assert.AreEqual(TcpState.SynSent, w.Stack.GetState(conn));
            w.RunUntil(expiry);
            Assert.AreEqual(0u, w.Stack.IpAddress, "lease expired: address gone");
            Assert.AreNotEqual(generation, w.Stack.AddressGeneration);
            Assert.AreEqual(1, w.Stack.Dhcp.Counters.Expired);
            Assert.AreEqual(TcpState.Closed, w.Stack.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionReset, w.Stack.GetLastError(conn));
            w.Poll();
            Assert.IsTrue(server.TakeDhcp().Any(m => m.Dhcp.MessageType == 1), "back to DISCOVER");
        }

        [TestMethod]
        public void D06_Nak_while_renewing_drops_the_address_and_restarts_RFC2131_4_4_5()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            server.Bind();
            w.Stack.AddStaticArpEntry(server.ServerIp, server.ServerMac, 0);
            w.Stack.Dhcp.Renew();
            w.Poll();
            var renew = server.TakeDhcp().Single().Dhcp;
            server.Send(server.Reply(renew, 6, 0), server.Offered);
            Assert.AreEqual(0u, w.Stack.IpAddress);
            Assert.AreEqual(1, w.Stack.Dhcp.Counters.Naks);
            w.Poll();
            Assert.AreEqual(1, server.TakeDhcp().Single().Dhcp.MessageType);
        }

        [TestMethod]
        public void D07_Conflict_during_the_probe_sends_DECLINE_and_waits_10_s_RFC5227_2_1_1_RFC2131_3_1()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            var (_, request) = server.Offer();
            server.Send(server.Reply(request, 5, server.Offered));
            // Another host answers for the address.
            var reply = new ArpPacket { Operation = ArpPacket.OpReply, SenderMac = LanWire.Peer2Mac, SenderIp = server.Offered, TargetMac = LanWire.StackMac, TargetIp = 0 };
            w.Inject(new EthernetFrame { Destination = LanWire.StackMac, Source = LanWire.Peer2Mac, EtherType = EthernetFrame.TypeArp, Payload = reply.Encode() }.Encode());
            w.RunUntil(w.Now + 2000);
            var decline = server.TakeDhcp().Single(m => m.Dhcp.MessageType == 4);
            Assert.AreEqual(server.Offered, decline.Dhcp.Address(50));
            Assert.AreEqual(server.ServerIp, decline.Dhcp.Address(54));
            Assert.AreEqual(0u, w.Stack.IpAddress);
            long declinedAt = w.Now;
            w.RunUntil(declinedAt + 9000 - 2000);
            Assert.AreEqual(0, server.TakeDhcp().Count, "no DISCOVER within 10 s");
            w.RunUntil(declinedAt + 10000);
            Assert.AreEqual(1, server.TakeDhcp().Single().Dhcp.MessageType);
            Assert.AreEqual(1, w.Stack.Dhcp.Counters.Conflicts);
        }

        [TestMethod]
        public void D08_Second_servers_offer_wrong_xid_and_rogue_server_after_bound_are_ignored_and_counted_RFC2131_4_4_1()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            var (discover, request) = server.Offer();
            // A second server's offer and ACK while requesting from the first.
            var rogue = new DhcpServerScript(w) { ServerIp = LanWire.Peer2Ip, ServerMac = LanWire.Peer2Mac, Offered = 0xC0000299 };
            rogue.Send(rogue.Reply(discover, 2, rogue.Offered));
            rogue.Send(rogue.Reply(request, 5, rogue.Offered));
            // Right server, wrong transaction id.
            var wrongXid = server.Reply(request, 5, server.Offered);
            wrongXid.Xid ^= 1;
            server.Send(wrongXid);
            Assert.AreEqual(3, w.Drops(DropReason.DhcpUnexpected));
            Assert.AreEqual(DhcpState.Requesting, w.Stack.Dhcp.State);
            server.Send(server.Reply(request, 5, server.Offered));
            w.RunUntil(w.Now + 8000);
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State);
            // After bound: a rogue NAK, ACK and OFFER change nothing.
            rogue.Send(rogue.Reply(request, 6, 0));
            rogue.Send(rogue.Reply(request, 5, rogue.Offered));
            rogue.Send(rogue.Reply(discover, 2, rogue.Offered));
            Assert.AreEqual(6, w.Drops(DropReason.DhcpUnexpected));
            Assert.AreEqual(server.Offered, w.Stack.IpAddress);
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State);
        }

        [TestMethod]
        public void D09_Init_reboot_asks_for_the_last_address_without_server_id_and_a_NAK_restarts_RFC2131_3_2()
        {
            var w = NewBoard(c => c.Lan.DhcpLastAddress = 0xC0000277);
            var server = new DhcpServerScript(w);
            w.Poll();
            var (frame, r) = server.TakeDhcp().Single();
            Assert.AreEqual(3, r.MessageType);
            Assert.AreEqual(0xC0000277u, r.Address(50));
            Assert.IsNull(r.Option(54));
            Assert.AreEqual(0u, r.Ciaddr);
            Assert.AreEqual(0xFFFFFFFFu, frame.Ip.Destination);
            server.Send(server.Reply(r, 6, 0));
            w.Poll();
            Assert.AreEqual(1, server.TakeDhcp().Single().Dhcp.MessageType);
        }

        [TestMethod]
        public void D10_Link_flap_while_bound_verifies_the_address_with_init_reboot_RFC2131_3_2()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            server.Bind();
            w.Link.IsUp = false;
            w.RunUntil(w.Now + 1000);
            w.Link.IsUp = true;
            w.Poll();
            var r = server.TakeDhcp().Single().Dhcp;
            Assert.AreEqual(3, r.MessageType);
            Assert.AreEqual(server.Offered, r.Address(50));
            Assert.AreEqual(DhcpState.Rebooting, w.Stack.Dhcp.State);
            Assert.AreEqual(server.Offered, w.Stack.IpAddress, "kept while it is verified");
            server.Send(server.Reply(r, 5, server.Offered));
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State, "same address: no new probe");
        }

        [TestMethod]
        public void D11_Malformed_replies_are_dropped_and_counted_RFC2131_2()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            w.Poll();
            var discover = server.TakeDhcp().Single().Dhcp;
            byte[] good = server.Reply(discover, 2, server.Offered).Encode();
            void Send(byte[] payload) => w.Inject(w.UdpFrame(server.ServerMac, LanWire.BroadcastMac, server.ServerIp, 0xFFFFFFFF, 67, 68, payload));
            Send(Bytes.Slice(good, 0, 200));                          // truncated
            var badCookie = (byte[])good.Clone(); badCookie[236] = 0; Send(badCookie);
            var longOption = (byte[])good.Clone(); longOption[241] = 250; Send(Bytes.Slice(longOption, 0, 300)); // length past the end
            var request = (byte[])good.Clone(); request[0] = 1; Send(request); // BOOTREQUEST
            Assert.AreEqual(4, w.Drops(DropReason.DhcpMalformed));
            Assert.AreEqual(DhcpState.Selecting, w.Stack.Dhcp.State);
        }

        [TestMethod]
        public void D12_Release_sends_DHCPRELEASE_to_the_server_and_removes_the_address_RFC2131_4_4_6()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            server.Bind();
            w.Stack.AddStaticArpEntry(server.ServerIp, server.ServerMac, 0);
            w.Stack.Dhcp.Release();
            var (frame, r) = server.TakeDhcp().Single();
            Assert.AreEqual(7, r.MessageType);
            Assert.AreEqual(server.Offered, r.Ciaddr);
            Assert.AreEqual(server.ServerIp, r.Address(54));
            Assert.AreEqual(server.ServerIp, frame.Ip.Destination);
            Assert.AreEqual(0u, w.Stack.IpAddress);
            Assert.AreEqual(DhcpState.Stopped, w.Stack.Dhcp.State);
            w.RunUntil(w.Now + 100000);
            Assert.AreEqual(0, server.TakeDhcp().Count, "stopped: nothing more");
        }

        [TestMethod]
        public void D13_Static_fallback_after_the_configured_time_while_discovery_continues()
        {
            var w = NewBoard(c => c.Lan.DhcpFallbackMs = 10000);
            var server = new DhcpServerScript(w);
            w.RunUntil(9999);
            Assert.AreEqual(0u, w.Stack.IpAddress);
            w.RunUntil(10000);
            Assert.AreEqual(LanWire.StackIp, w.Stack.IpAddress);
            Assert.IsTrue(w.Stack.Dhcp.UsingFallback);
            w.RunUntil(80000);
            Assert.IsTrue(server.TakeDhcp().Count(m => m.Dhcp.MessageType == 1) >= 4);
        }

        [TestMethod]
        public void D14_Lease_times_come_from_options_51_58_59_counted_from_the_request_RFC2131_4_4_1()
        {
            var w = NewBoard(c => c.Lan.DhcpProbe = false);
            var server = new DhcpServerScript(w);
            w.Now = 5000;
            w.Poll();
            var discover = server.TakeDhcp().Single().Dhcp;
            server.Send(server.Reply(discover, 2, server.Offered));
            long requestAt = w.Now;
            var request = server.TakeDhcp().Single().Dhcp;
            w.Now += 700;
            var ack = server.Reply(request, 5, server.Offered);
            ack.With(58, 0, 0, 0, 100).With(59, 0, 0, 0, 200);
            server.Send(ack);
            var lease = w.Stack.Dhcp.Lease;
            Assert.AreEqual(requestAt, lease.StartMs);
            Assert.AreEqual(requestAt + 100000, lease.RenewAtMs);
            Assert.AreEqual(requestAt + 200000, lease.RebindAtMs);
            Assert.AreEqual(requestAt + 3600000, lease.ExpiresAtMs);
            Assert.AreEqual(3600000 - 700, w.Stack.Dhcp.LeaseRemainingMs(w.Now));
        }
    
        [TestMethod]
        public void D15_Release_waits_for_the_servers_MAC_then_sends_from_the_leased_address_RFC2131_4_4_6()
        {
            var w = NewBoard();
            var server = new DhcpServerScript(w);
            server.Bind();
            w.Stack.Dhcp.Release();
            Assert.AreEqual(DhcpState.Releasing, w.Stack.Dhcp.State);
            Assert.AreEqual(server.Offered, w.Stack.IpAddress, "kept until the RELEASE is out");
            w.Poll();
            Assert.AreEqual(server.ServerIp, w.Sent().Single(f => f.Arp != null).Arp.TargetIp);
            w.AnswerArp(server.ServerIp, server.ServerMac);
            var (frame, r) = server.TakeDhcp().Single();
            Assert.AreEqual(7, r.MessageType);
            Assert.AreEqual(server.Offered, frame.Ip.Source);
            Assert.AreEqual(0u, w.Stack.IpAddress);
            Assert.AreEqual(DhcpState.Stopped, w.Stack.Dhcp.State);
        }
    }
}
