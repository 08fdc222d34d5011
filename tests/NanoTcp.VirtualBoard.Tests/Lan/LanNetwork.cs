using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.VirtualBoard.Network;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests.Lan
{
    /// <summary>
    /// An interop namespace where the board takes its address by DHCP from a real dnsmasq (started by the test,
    /// ended by PID), with the mDNS responder and SNTP on. Inconclusive without root, TUN/TAP or dnsmasq.
    /// </summary>
    public sealed class LanNetwork : IDisposable
    {
        public InteropNetwork Net { get; }
        public Dnsmasq Dnsmasq { get; private set; }
        private readonly string[] _hosts;

        private LanNetwork(InteropNetwork net, string[] hosts)
        {
            Net = net;
            _hosts = hosts;
        }

        /// <summary>Starts the board (DHCP on) and dnsmasq with <paramref name="leaseSeconds"/> leases and <paramref name="hosts"/>.</summary>
        public static LanNetwork Start(int leaseSeconds = 3600, string[] hosts = null, Action<BoardOptionsHook> configure = null, params string[] tools)
        {
            if (Dnsmasq.Find() == null) Assert.Inconclusive("dnsmasq is not installed (" + Dnsmasq.InstallHint + ")");
            var net = InteropNetwork.Start(o =>
            {
                o.Dhcp = true;
                o.LanServices = true;
                configure?.Invoke(new BoardOptionsHook(o));
            }, tools);
            var lan = new LanNetwork(net, hosts ?? new string[0]);
            try
            {
                lan.StartServer(leaseSeconds);
                // Start over now that the server listens (the first DISCOVER went out before it did).
                net.Board.Invoke(s => { s.Dhcp.Start(); return 0; });
            }
            catch
            {
                lan.Dispose();
                throw;
            }
            return lan;
        }

        /// <summary>(Re)starts dnsmasq; extra arguments go to it.</summary>
        public void StartServer(int leaseSeconds, string range = "192.0.2.100,192.0.2.199", params string[] extra)
        {
            Dnsmasq?.Dispose();
            Dnsmasq = Dnsmasq.Start(Net.Namespace, BoardNetwork.DefaultDeviceName, range, leaseSeconds, _hosts, extra);
            Wait.Until(() => Dnsmasq.Log.Contains("DHCP, IP range") || Dnsmasq.HasExited, 5000, "dnsmasq to start");
            Assert.IsFalse(Dnsmasq.HasExited, "dnsmasq exited:\n" + Dnsmasq.Log);
        }

        /// <summary>Stops dnsmasq (by PID).</summary>
        public void StopServer()
        {
            Dnsmasq?.Dispose();
            Dnsmasq = null;
        }

        public DhcpState State => Net.Board.Invoke(s => s.Dhcp.State);
        public uint Address => Net.Board.Invoke(s => s.IpAddress);

        /// <summary>Waits until the board is BOUND and returns its address.</summary>
        public uint WaitForLease(int timeoutMs = 20000)
        {
            Wait.Until(() => State == DhcpState.Bound, timeoutMs, "a DHCP lease; dnsmasq log:\n" + Dnsmasq?.Log + "\nboard log:\n" + Net.Log);
            return Address;
        }

        /// <summary>The lease lines dnsmasq wrote (expiry, MAC, address, name, client id).</summary>
        public string Leases => Dnsmasq == null ? "" : File.ReadAllText(Dnsmasq.LeaseFile);

        public void Dispose()
        {
            Dnsmasq?.Dispose();
            Net.Dispose();
        }
    }

    /// <summary>Lets a test adjust the board options of a <see cref="LanNetwork"/>.</summary>
    public sealed class BoardOptionsHook
    {
        public BoardOptionsHook(Board.BoardOptions options) { Options = options; }
        public Board.BoardOptions Options { get; }
    }
}
