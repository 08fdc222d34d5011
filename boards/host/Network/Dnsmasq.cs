using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NanoTcp.VirtualBoard.Network
{
    /// <summary>
    /// Debian's dnsmasq run inside a board's namespace as the LAN's DHCP and DNS server (like a home router):
    /// addresses 192.0.2.100–199, router/DNS/NTP = the Linux side, names from an optional hosts file. Started
    /// with <c>ip netns exec</c> (which execs, so the PID is dnsmasq's), ended by that PID on Dispose.
    /// </summary>
    public sealed class Dnsmasq : IDisposable
    {
        /// <summary>How to get it, for the one-line message when it is missing.</summary>
        public const string InstallHint = "sudo apt-get install dnsmasq-base";

        private readonly Process _process;
        private readonly string _directory;

        /// <summary>
        /// Full path of the dnsmasq executable, or null when it is not installed. The environment variable
        /// NANOTCP_DNSMASQ, when set, names the executable instead (tests point it at a missing file).
        /// </summary>
        public static string Find()
        {
            string forced = Environment.GetEnvironmentVariable("NANOTCP_DNSMASQ");
            if (!string.IsNullOrEmpty(forced)) return File.Exists(forced) ? forced : null;
            foreach (string dir in new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }.Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')))
            {
                if (dir.Length == 0) continue;
                string path = Path.Combine(dir, "dnsmasq");
                if (File.Exists(path)) return path;
            }
            return null;
        }

        /// <summary>The namespace dnsmasq runs in.</summary>
        public NetworkNamespace Namespace { get; }

        /// <summary>dnsmasq's PID.</summary>
        public int Pid => _process.Id;

        /// <summary>The lease database dnsmasq writes (one line per lease).</summary>
        public string LeaseFile { get; }

        /// <summary>The hosts file dnsmasq answers names from (written when it starts).</summary>
        public string HostsFile { get; }

        private Dnsmasq(NetworkNamespace ns, Process process, string directory)
        {
            Namespace = ns;
            _process = process;
            _directory = directory;
            LeaseFile = Path.Combine(directory, "leases");
            HostsFile = Path.Combine(directory, "hosts");
        }

        /// <summary>
        /// Starts dnsmasq on <paramref name="device"/> in <paramref name="ns"/> serving 192.0.2.0/24 with
        /// <paramref name="leaseSeconds"/> leases (dnsmasq's minimum is 120) and <paramref name="hosts"/> lines
        /// ("192.0.2.9 printer") in its DNS. Extra dnsmasq arguments may be appended (tests: --dhcp-host=...).
        /// </summary>
        public static Dnsmasq Start(NetworkNamespace ns, string device, int leaseSeconds, string[] hosts, params string[] extra)
        {
            return Start(ns, device, "192.0.2.100,192.0.2.199", leaseSeconds, hosts, extra);
        }

        /// <summary>As above with the address pool <paramref name="range"/> ("first,last").</summary>
        public static Dnsmasq Start(NetworkNamespace ns, string device, string range, int leaseSeconds, string[] hosts, params string[] extra)
        {
            string exe = Find() ?? throw new InvalidOperationException("dnsmasq is not installed (" + InstallHint + ")");
            string dir = Path.Combine(Path.GetTempPath(), "nanotcp-dnsmasq-" + ns.Name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            File.WriteAllLines(Path.Combine(dir, "hosts"), hosts ?? new string[0]);
            File.WriteAllText(Path.Combine(dir, "leases"), "");
            var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[]
            {
                "netns", "exec", ns.Name, exe, "--keep-in-foreground", "--conf-file=/dev/null", "--user=root", "--group=root",
                "--interface=" + device, "--bind-interfaces", "--except-interface=lo",
                "--dhcp-range=" + range + ",255.255.255.0," + leaseSeconds,
                "--dhcp-option=option:router,192.0.2.1", "--dhcp-option=option:dns-server,192.0.2.1",
                "--dhcp-option=option:ntp-server,192.0.2.1", "--dhcp-authoritative",
                "--dhcp-leasefile=" + Path.Combine(dir, "leases"), "--pid-file=" + Path.Combine(dir, "pid"),
                "--no-resolv", "--no-hosts", "--addn-hosts=" + Path.Combine(dir, "hosts"), "--domain=lan", "--local=/lan/", "--expand-hosts",
                "--log-facility=-", "--log-dhcp", "--log-queries",
            }.Concat(extra)) psi.ArgumentList.Add(a);
            var p = Process.Start(psi);
            var d = new Dnsmasq(ns, p, dir);
            p.OutputDataReceived += (_, e) => d.Append(e.Data);
            p.ErrorDataReceived += (_, e) => d.Append(e.Data);
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            return d;
        }

        private readonly System.Text.StringBuilder _log = new System.Text.StringBuilder();

        private void Append(string line)
        {
            if (line == null) return;
            lock (_log) _log.AppendLine(line);
        }

        /// <summary>What dnsmasq logged so far (DHCP exchanges, queries).</summary>
        public string Log
        {
            get { lock (_log) return _log.ToString(); }
        }

        /// <summary>True once dnsmasq has exited (it failed to start, or was stopped).</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>Ends dnsmasq by its PID (SIGTERM, then SIGKILL) and removes its files.</summary>
        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    Native.LibC.Kill(_process.Id, 15);
                    if (!_process.WaitForExit(3000)) _process.Kill();
                    _process.WaitForExit(3000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            _process.Dispose();
            try { Directory.Delete(_directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
