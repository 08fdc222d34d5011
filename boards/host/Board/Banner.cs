using System.IO;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>The start-up text: where the board is and how to reach it.</summary>
    internal static class Banner
    {
        public static void Write(TextWriter o, BoardOptions options, BoardNetwork network, VirtualBoard board)
        {
            string ip = options.Dhcp ? "(DHCP)" : Ip4.ToString(options.IpAddress);
            string prefix = network.Namespace != null ? "sudo ip netns exec " + network.Namespace.Name + " " : "";
            o.WriteLine("nanoTcp virtual board " + ip + " (MAC " + Mac(options.MacAddress) + ") on TAP " + network.Tap.Name +
                        (network.Namespace != null ? " in namespace " + network.Namespace.Name + ", Linux side " + Ip4.ToString(options.HostAddress) : "") +
                        ", link " + (options.Link == LinkKind.Enc28j60 ? "ENC28J60 (emulated chip)" : "direct"));
            if (options.LanServices)
                o.WriteLine("  name:     telnet nanotcp.local   (mDNS, from a PC with Avahi/Bonjour on the board's LAN; in the namespace, dnsmasq " +
                            "knows the DHCP name: " + prefix + "dig +short @" + Ip4.ToString(options.HostAddress) + " nanotcp)");
            if (options.Dhcp)
                o.WriteLine("  address:  by DHCP from dnsmasq on " + Ip4.ToString(options.HostAddress) + " (192.0.2.100-199); the log line \"nanoTcp: address ...\" shows it");
            o.WriteLine("  connect:  " + prefix + "telnet " + (options.Dhcp ? "<address>" : ip) + "   (password: " +
                        (board.Application.Settings.TelnetPassword == null || board.Application.Settings.TelnetPassword.Length == 0
                            ? "none" : board.Application.Settings.TelnetPassword) + ")");
            o.WriteLine("  ping:     " + prefix + "ping " + (options.Dhcp ? "<address>" : ip));
            o.WriteLine("  services: telnet 23, echo 7, discard 9, chargen 19");
            StackConfig c = board.Application.Settings.Stack;
            o.WriteLine("  window:   receive buffer " + c.ReceiveBufferSize + " B, send buffer " + c.SendBufferSize + " B, MSS " + c.Mss +
                        ", " + c.ConnectionSlots + " connection slots");
            if (options.PcapPath != null) o.WriteLine("  pcap:     " + options.PcapPath);
            if (options.HasFaults)
                o.WriteLine("  faults:   loss " + options.Loss + ", dup " + options.Duplicate + ", reorder " + options.Reorder +
                            ", corrupt " + options.Corrupt + ", seed " + options.Seed);
            o.WriteLine("  Ctrl+C stops the board" + (network.Namespace != null ? " and removes the namespace." : "."));
            o.Flush();
        }

        public static string Mac(byte[] mac)
        {
            return mac[0].ToString("x2") + ":" + mac[1].ToString("x2") + ":" + mac[2].ToString("x2") + ":" +
                   mac[3].ToString("x2") + ":" + mac[4].ToString("x2") + ":" + mac[5].ToString("x2");
        }
    }
}
