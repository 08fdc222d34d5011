using System.Linq;
using System.Net;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests.Lan
{
    /// <summary>The DHCP client against Debian's dnsmasq (RFC 2131), each test in its own namespace.</summary>
    [TestClass]
    public sealed class DhcpInteropTests
    {
        private static bool InRange(uint a, int first, int last) => (a >> 8) == 0xC00002 && (a & 0xFF) >= first && (a & 0xFF) <= last;

        [TestMethod]
        public void Board_takes_a_lease_from_dnsmasq_and_serves_telnet_on_it()
        {
            using var lan = LanNetwork.Start();
            uint ip = lan.WaitForLease();
            Assert.IsTrue(InRange(ip, 100, 199), Ip4.ToString(ip));
            StringAssert.Contains(lan.Leases, "02:4e:54:00:00:02 " + Ip4.ToString(ip) + " nanotcp");
            Assert.AreEqual(0xC0000201u, lan.Net.Board.Invoke(s => s.Gateway));
            Assert.AreEqual(0xC0000201u, lan.Net.Board.Invoke(s => s.Dhcp.Lease.Dns1));
            Assert.AreEqual(0xC0000201u, lan.Net.Board.Invoke(s => s.Dhcp.Lease.NtpServer));
            StringAssert.Contains(lan.Net.Log, "nanoTcp: address " + Ip4.ToString(ip));
            var sock = lan.Net.NewSocket();
            sock.Connect(new IPEndPoint(IPAddress.Parse(Ip4.ToString(ip)), 7));
            sock.Send(new byte[] { 42 });
            var b = new byte[1];
            Assert.AreEqual(1, sock.Receive(b));
            Assert.AreEqual(42, b[0]);
        }

        [TestMethod]
        public void Renew_is_acknowledged_by_dnsmasq_and_keeps_the_address()
        {
            using var lan = LanNetwork.Start(leaseSeconds: 120);
            uint ip = lan.WaitForLease();
            long expiresBefore = lan.Net.Board.Invoke(s => s.Dhcp.Lease.ExpiresAtMs);
            lan.Net.Board.Invoke(s => { s.Dhcp.Renew(); return 0; });
            Wait.Until(() => lan.Net.Board.Invoke(s => s.Dhcp.Counters.Acks) >= 2, 10000, "the renewal ACK; dnsmasq:\n" + lan.Dnsmasq.Log);
            Assert.AreEqual(DhcpState.Bound, lan.State);
            Assert.AreEqual(ip, lan.Address);
            Assert.IsTrue(lan.Net.Board.Invoke(s => s.Dhcp.Lease.ExpiresAtMs) > expiresBefore);
            StringAssert.Contains(lan.Dnsmasq.Log, "DHCPREQUEST(nanotcp0) " + Ip4.ToString(ip));
        }

        [TestMethod]
        public void Server_restarted_with_another_range_NAKs_the_renewal_and_the_board_moves_to_a_new_lease()
        {
            using var lan = LanNetwork.Start();
            uint first = lan.WaitForLease();
            lan.StartServer(3600, "192.0.2.200,192.0.2.250");
            lan.Net.Board.Invoke(s => { s.Dhcp.Renew(); return 0; });
            Wait.Until(() => lan.Net.Board.Invoke(s => s.Dhcp.Counters.Naks) >= 1, 10000, "a NAK; dnsmasq:\n" + lan.Dnsmasq.Log);
            uint second = lan.WaitForLease(30000);
            Assert.AreNotEqual(first, second);
            Assert.IsTrue(InRange(second, 200, 250), Ip4.ToString(second));
            StringAssert.Contains(lan.Dnsmasq.Log, "DHCPNAK");
        }

        [TestMethod]
        public void Release_is_seen_by_dnsmasq_and_the_lease_is_gone()
        {
            using var lan = LanNetwork.Start();
            uint ip = lan.WaitForLease();
            lan.Net.Board.Invoke(s => { s.Dhcp.Release(); return 0; });
            Wait.Until(() => lan.Dnsmasq.Log.Contains("DHCPRELEASE(nanotcp0) " + Ip4.ToString(ip)), 5000, "DHCPRELEASE in dnsmasq's log:\n" + lan.Dnsmasq.Log);
            Wait.Until(() => !lan.Leases.Contains(Ip4.ToString(ip)), 5000, "the lease to leave dnsmasq's database");
            Assert.AreEqual(0u, lan.Address);
            Assert.AreEqual(DhcpState.Stopped, lan.State);
        }

        [TestMethod]
        public void Without_dnsmasq_the_main_job_says_how_to_install_it_and_carries_on_static()
        {
            InteropNetwork.RequirePrerequisites();
            string dll = System.IO.Path.Combine(System.AppContext.BaseDirectory, "nanotcp-board.dll");
            // NANOTCP_DNSMASQ names a missing executable: the program must behave as where dnsmasq is not installed.
            using var board = new BackgroundProcess("env", "NANOTCP_DNSMASQ=/nonexistent/dnsmasq", "dotnet", dll, "--namespace", "ntvb-nodns-" + System.Environment.ProcessId, "--quiet");
            Wait.Until(() => board.Output.Contains("Ctrl+C stops the board") || board.HasExited, 30000, "the banner");
            string output = board.Output;
            StringAssert.Contains(output, "nanotcp-board: dnsmasq is not installed (sudo apt-get install dnsmasq-base); using the static address 192.0.2.2");
            StringAssert.Contains(output, "nanoTcp virtual board 192.0.2.2");
            StringAssert.Contains(output, "telnet nanotcp.local");
            board.Terminate();
            Assert.IsTrue(board.WaitForExit(10000), "stops on SIGTERM");
            Assert.AreEqual(0, board.ExitCode, output);
        }
    }
}
