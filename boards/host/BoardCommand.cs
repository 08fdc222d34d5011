using System;
using System.CommandLine;
using System.Globalization;
using NanoTcp.VirtualBoard.Board;

namespace NanoTcp.VirtualBoard
{
    /// <summary>The command line of <c>nanotcp-board</c> (System.CommandLine; <c>--help</c> lists it).</summary>
    public static class BoardCommand
    {
        /// <summary>Builds the root command with every option and the action that runs the board.</summary>
        public static RootCommand Build()
        {
            var ip = new Option<string>("--ip") { Description = "A static IPv4 address for the board [default: DHCP from dnsmasq in the namespace; 192.0.2.2 without dnsmasq]" };
            var mac = new Option<string>("--mac") { Description = "The board's MAC address", DefaultValueFactory = _ => "02:4e:54:00:00:02" };
            var password = new Option<string>("--password") { Description = "Telnet login password (empty: no login) [default: the firmware's, \"nanotcp\"]" };
            var pcap = new Option<string>("--pcap") { Description = "Write every frame in and out to this pcap file", HelpName = "FILE" };
            var trace = new Option<bool>("--trace") { Description = "Print each TCP connection as a ladder: one line per segment and state transition" };
            var relative = new Option<bool>("--relative") { Description = "With --trace: sequence numbers relative to each side's ISN (as Wireshark shows them)" };
            var loss = Probability("--loss", "Drop each frame with probability P (0..1)");
            var dup = Probability("--dup", "Duplicate each frame with probability P");
            var reorder = Probability("--reorder", "Hold back each frame with probability P so a later one overtakes it");
            var corrupt = Probability("--corrupt", "Flip a bit in each frame with probability P");
            var seed = new Option<int>("--seed") { Description = "Seed of the fault generator", DefaultValueFactory = _ => 1, HelpName = "N" };
            var link = new Option<string>("--link") { Description = "tap: the stack drives the TAP device; enc28j60: the ENC28J60 driver over an emulated chip whose wire is the TAP device", DefaultValueFactory = _ => "tap" };
            link.AcceptOnlyFromAmong("tap", "enc28j60");
            var tap = new Option<string>("--tap") { Description = "Attach to this existing TAP device in the current namespace instead of creating a namespace", HelpName = "NAME" };
            var ns = new Option<string>("--namespace") { Description = "Name of the network namespace to create", DefaultValueFactory = _ => "nanotcp", HelpName = "NAME" };
            var slots = new Option<int>("--connections") { Description = "TCP connection slots [default: the stack's, 8]", HelpName = "N" };
            var rcvbuf = new Option<int>("--receive-buffer") { Description = "Per-connection receive buffer = advertised window, bytes [default: the stack's]", HelpName = "BYTES" };
            var sndbuf = new Option<int>("--send-buffer") { Description = "Per-connection send buffer, bytes [default: the stack's]", HelpName = "BYTES" };
            var app = new Option<string>("--app") { Description = "firmware: the nanoTcp firmware; sample: the sample application of firmware/Sample (greets and echoes on port 7)", DefaultValueFactory = _ => "firmware" };
            app.AcceptOnlyFromAmong("firmware", "sample");
            var quiet = new Option<bool>("--quiet") { Description = "No live status line" };

            var root = new RootCommand("nanoTcp virtual board: the nanoTcp firmware (telnet shell, echo 7, discard 9, chargen 19) " +
                                       "on Linux over a TAP device. As root it creates network namespace 'nanotcp' with the Linux side " +
                                       "at 192.0.2.1/24 running dnsmasq (DHCP + DNS); the board takes its address by DHCP and answers " +
                                       "to nanotcp.local (mDNS). Ctrl+C removes both.")
            {
                ip, mac, password, pcap, trace, relative, loss, dup, reorder, corrupt, seed, link, tap, ns, slots, rcvbuf, sndbuf, app, quiet,
            };
            root.SetAction(result =>
            {
                var o = new BoardOptions();
                string ipText = result.GetValue(ip);
                // No --ip: DHCP from dnsmasq (Program.Run falls back to 192.0.2.2 when dnsmasq is missing).
                o.Dhcp = ipText == null;
                o.LanServices = true;
                if (ipText != null && !Ip4.TryParse(ipText, out o.IpAddress))
                    return Fail("--ip: not an IPv4 address: " + ipText);
                if (!TryParseMac(result.GetValue(mac), o.MacAddress))
                    return Fail("--mac: not a MAC address (aa:bb:cc:dd:ee:ff): " + result.GetValue(mac));
                if ((o.MacAddress[0] & 1) != 0) return Fail("--mac: a group (multicast) address cannot be a station address");
                if (o.IpAddress == o.HostAddress) return Fail("--ip: " + Ip4.ToString(o.HostAddress) + " is the Linux side's address");
                o.Password = result.GetValue(password);
                o.PcapPath = result.GetValue(pcap);
                o.Trace = result.GetValue(trace);
                o.TraceRelative = result.GetValue(relative);
                o.Loss = result.GetValue(loss);
                o.Duplicate = result.GetValue(dup);
                o.Reorder = result.GetValue(reorder);
                o.Corrupt = result.GetValue(corrupt);
                o.Seed = result.GetValue(seed);
                o.Link = result.GetValue(link) == "enc28j60" ? LinkKind.Enc28j60 : LinkKind.Tap;
                o.TapName = result.GetValue(tap);
                o.Namespace = result.GetValue(ns);
                o.ConnectionSlots = result.GetValue(slots);
                o.ReceiveBuffer = result.GetValue(rcvbuf);
                o.SendBuffer = result.GetValue(sndbuf);
                o.Sample = result.GetValue(app) == "sample";
                return Program.Run(o, !result.GetValue(quiet));
            });
            return root;
        }

        private static Option<double> Probability(string name, string description)
        {
            var o = new Option<double>(name) { Description = description, HelpName = "P" };
            o.Validators.Add(r =>
            {
                double p = r.GetValueOrDefault<double>();
                if (p < 0 || p > 1) r.AddError(name + " must be between 0 and 1");
            });
            return o;
        }

        private static int Fail(string message)
        {
            Console.Error.WriteLine("nanotcp-board: " + message);
            return Program.ExitBadArguments;
        }

        /// <summary>Parses "aa:bb:cc:dd:ee:ff" (or with '-') into <paramref name="mac"/>.</summary>
        public static bool TryParseMac(string text, byte[] mac)
        {
            if (text == null) return false;
            string[] parts = text.Split(':', '-');
            if (parts.Length != 6) return false;
            for (int i = 0; i < 6; i++)
                if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mac[i])) return false;
            return true;
        }
    }
}
