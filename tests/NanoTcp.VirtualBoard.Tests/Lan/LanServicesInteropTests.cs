using System;
using System.IO;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dns;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests.Lan
{
    /// <summary>
    /// DNS against dnsmasq (names from its hosts file), mDNS against avahi-resolve and dig, SNTP against chronyd —
    /// real Debian peers started by each test in its own namespace and ended by PID.
    /// </summary>
    [TestClass]
    public sealed class LanServicesInteropTests
    {
        private static int Lookup(LanNetwork lan, string name)
        {
            byte[] n = Encoding.ASCII.GetBytes(name);
            int status = lan.Net.Board.Invoke(s => s.Dns.Resolve(n, 0, n.Length));
            Wait.Until(() => (status = lan.Net.Board.Invoke(s => s.Dns.Status)) != DnsStatus.Pending, 10000, "the lookup of " + name);
            return status;
        }

        [TestMethod]
        public void Names_from_dnsmasqs_hosts_file_resolve_CNAMEs_are_followed_and_unknown_names_are_NXDOMAIN()
        {
            using var lan = LanNetwork.Start(hosts: new[] { "192.0.2.9 printer", "192.0.2.10 nas" }, configure: null);
            lan.StartServer(3600, "192.0.2.100,192.0.2.199", "--cname=www.lan,printer.lan");
            lan.Net.Board.Invoke(s => { s.Dhcp.Start(); return 0; });
            lan.WaitForLease();
            Assert.AreEqual(DnsStatus.Resolved, Lookup(lan, "printer.lan"));
            Assert.AreEqual(0xC0000209u, lan.Net.Board.Invoke(s => s.Dns.Address));
            Assert.AreEqual(DnsStatus.Resolved, Lookup(lan, "www.lan"), "CNAME chain: " + lan.Dnsmasq.Log);
            Assert.AreEqual(0xC0000209u, lan.Net.Board.Invoke(s => s.Dns.Address));
            Assert.AreEqual(DnsStatus.NotFound, Lookup(lan, "nowhere.lan"));
            StringAssert.Contains(lan.Dnsmasq.Log, "query[A] printer.lan from " + Ip4.ToString(lan.Address));
        }

        [TestMethod]
        public void TcpClient_Connect_by_name_goes_through_the_firmwares_pump_Resolver_to_dnsmasq()
        {
            using var lan = LanNetwork.Start(hosts: new[] { "192.0.2.1 gw" }, configure: null);
            lan.WaitForLease();
            using var listener = lan.Net.ListenOnLinux(8088);
            var client = new NanoTcp.Sockets.TcpClient(lan.Net.Board.Application.Pump) { SendTimeout = 10000 };
            client.Connect("gw.lan", 8088);
            Assert.IsTrue(client.Connected);
            Assert.IsTrue(listener.Poll(5000000, System.Net.Sockets.SelectMode.SelectRead), "Linux saw the connection");
            using var accepted = listener.Accept();
            Assert.AreEqual(Ip4.ToString(lan.Address), ((System.Net.IPEndPoint)accepted.RemoteEndPoint).Address.ToString());
            StringAssert.Contains(lan.Dnsmasq.Log, "query[A] gw.lan from " + Ip4.ToString(lan.Address));
            client.Close();
        }

        [TestMethod]
        public void Avahi_resolves_nanotcp_local_and_dig_gets_a_direct_unicast_answer()
        {
            InteropNetwork.RequirePrerequisites("avahi-daemon", "avahi-resolve", "dbus-daemon", "dig");
            using var lan = LanNetwork.Start();
            uint ip = lan.WaitForLease();
            Wait.Until(() => lan.Net.Board.Invoke(s => s.Mdns.State) == Mdns.MdnsState.Ready, 10000, "the mDNS name to be claimed");
            // avahi-resolve talks to avahi-daemon over D-Bus: both get a private system bus in this namespace.
            string dir = Path.Combine(Path.GetTempPath(), "nanotcp-avahi-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                string bus = "unix:path=" + Path.Combine(dir, "bus");
                string conf = File.ReadAllText("/usr/share/dbus-1/system.conf")
                    .Replace("unix:path=/run/dbus/system_bus_socket", bus)
                    .Replace("<includedir>system.d</includedir>", "<includedir>/usr/share/dbus-1/system.d</includedir>")
                    .Replace("<fork/>", "").Replace("<syslog/>", "");
                conf = System.Text.RegularExpressions.Regex.Replace(conf, "<pidfile>.*</pidfile>|<user>.*</user>", "");
                File.WriteAllText(Path.Combine(dir, "bus.conf"), conf);
                File.WriteAllText(Path.Combine(dir, "avahi.conf"),
                    "[server]\nuse-ipv4=yes\nuse-ipv6=no\nallow-interfaces=nanotcp0\nenable-dbus=yes\n[publish]\ndisable-publishing=yes\n");
                var dbus = lan.Net.StartInNamespace("dbus-daemon", "--config-file=" + Path.Combine(dir, "bus.conf"), "--nofork");
                Wait.Until(() => File.Exists(Path.Combine(dir, "bus")), 5000, "the private D-Bus");
                // avahi-daemon's pid file and socket sit in the fixed /run/avahi-daemon: a private tmpfs there (in the
                // mount namespace `ip netns exec` already gives the command) keeps this daemon from clashing with the
                // host's or another test run's. `exec` keeps the PID that the harness ends.
                var avahi = lan.Net.StartInNamespace("sh", "-c",
                    "mkdir -p /run/avahi-daemon && mount -t tmpfs tmpfs /run/avahi-daemon && exec env DBUS_SYSTEM_BUS_ADDRESS=" + bus +
                    " avahi-daemon -f " + Path.Combine(dir, "avahi.conf") + " --no-drop-root --no-chroot --no-rlimits");
                Wait.Until(() => avahi.Output.Contains("Server startup complete") || avahi.HasExited, 10000, "avahi-daemon");
                Assert.IsFalse(avahi.HasExited, "avahi-daemon exited:\n" + avahi.Output);
                var r = lan.Net.Exec("env", "DBUS_SYSTEM_BUS_ADDRESS=" + bus, "avahi-resolve", "-4", "-n", "nanotcp.local");
                Assert.IsTrue(r.Ok, "avahi-resolve failed: " + r.Error + r.Output);
                StringAssert.Contains(r.Output, "nanotcp.local\t" + Ip4.ToString(ip));
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
            // RFC 6762 §5.5 direct unicast query to port 5353. (dig -p 5353 @224.0.0.251 gets our §6.7 legacy
            // unicast reply too, but BIND 9.18's dig reads it on a socket connected to 224.0.0.251 and drops it.)
            var d = lan.Net.Exec("dig", "+short", "+time=2", "+tries=2", "-p", "5353", "@" + Ip4.ToString(ip), "nanotcp.local");
            Assert.AreEqual(Ip4.ToString(ip), d.Output.Trim(), d.Error);
        }

        [TestMethod]
        public void Board_takes_the_time_from_chrony_named_by_DHCP_option_42()
        {
            InteropNetwork.RequirePrerequisites("chronyd");
            using var lan = LanNetwork.Start();
            string dir = Path.Combine(Path.GetTempPath(), "nanotcp-chrony-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            try
            {
                // A server that serves its own clock (local stratum 8) and never touches the system clock (-x).
                File.WriteAllText(Path.Combine(dir, "chrony.conf"),
                    "local stratum 8\nallow 192.0.2.0/24\nbindaddress 192.0.2.1\ncmdport 0\npidfile " + Path.Combine(dir, "pid") + "\n");
                var chrony = lan.Net.StartInNamespace("chronyd", "-d", "-x", "-u", "root", "-f", Path.Combine(dir, "chrony.conf"));
                lan.WaitForLease();
                lan.Net.Board.Invoke(s => { s.Sntp.Refresh(); return 0; });
                Wait.Until(() => lan.Net.Board.Invoke(s => s.Sntp.Synchronized), 20000, "SNTP synchronisation; chronyd:\n" + chrony.Output);
                long board = lan.Net.Board.Invoke(s => s.Sntp.UnixTimeMs(lan.Net.Board.NowMs));
                long host = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                Assert.IsTrue(Math.Abs(board - host) < 2000, "board " + board + " vs host " + host);
                Assert.AreEqual(0xC0000201u, lan.Net.Board.Invoke(s => s.Sntp.Server));
                Assert.AreEqual(8, lan.Net.Board.Invoke(s => s.Sntp.Stratum), "chrony's local stratum");
            }
            finally
            {
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }
    }
}
