using System;
using NanoTcp.Firmware;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>Which driver sits between the stack and the TAP device.</summary>
    public enum LinkKind
    {
        /// <summary>The stack reads and writes the TAP device directly.</summary>
        Tap,
        /// <summary>The ENC28J60 driver over an emulated SPI bus to the emulated chip, whose wire is the TAP device.</summary>
        Enc28j60,
    }

    /// <summary>Everything the command line (or a test) sets for one virtual board.</summary>
    public sealed class BoardOptions
    {
        /// <summary>The board's address. Default 192.0.2.2.</summary>
        public uint IpAddress = Ip4.Address(192, 0, 2, 2);

        /// <summary>Subnet mask. Default 255.255.255.0.</summary>
        public uint SubnetMask = Ip4.Address(255, 255, 255, 0);

        /// <summary>The Linux side of the namespace (also the board's gateway). Default 192.0.2.1.</summary>
        public uint HostAddress = Ip4.Address(192, 0, 2, 1);

        /// <summary>The board's MAC address. Default 02:4E:54:00:00:02 (locally administered).</summary>
        public byte[] MacAddress = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x02 };

        /// <summary>Run the sample application (firmware/Sample) instead of the firmware; only the addresses apply.</summary>
        public bool Sample;

        /// <summary>Telnet password; null keeps the firmware's default, empty disables the login.</summary>
        public string Password;

        /// <summary>pcap file receiving every frame in and out; null for none.</summary>
        public string PcapPath;

        /// <summary>Print the ladder trace.</summary>
        public bool Trace;

        /// <summary>Ladder shows sequence numbers relative to each side's ISN (as Wireshark does).</summary>
        public bool TraceRelative;

        /// <summary>Link faults: probabilities 0..1 of loss, duplication, reordering and corruption per frame.</summary>
        public double Loss, Duplicate, Reorder, Corrupt;

        /// <summary>Seed of the fault generator (same seed, same faults).</summary>
        public int Seed = 1;

        /// <summary>Driver between stack and TAP device.</summary>
        public LinkKind Link = LinkKind.Tap;

        /// <summary>Existing TAP device to attach to (current namespace); null to create namespace + device.</summary>
        public string TapName;

        /// <summary>Namespace created for the board when <see cref="TapName"/> is null. Default "nanotcp".</summary>
        public string Namespace = "nanotcp";

        /// <summary>Connection slots; 0 keeps the stack's default.</summary>
        public int ConnectionSlots;

        /// <summary>Per-connection receive buffer (the window we advertise); 0 keeps the default.</summary>
        public int ReceiveBuffer;

        /// <summary>Per-connection send buffer; 0 keeps the default.</summary>
        public int SendBuffer;

        /// <summary>Connections per classic service (echo, discard, chargen); 0 keeps the default.</summary>
        public int ServiceConnections;

        /// <summary>Take the address by DHCP (the main job, with dnsmasq in the namespace); false = the static <see cref="IpAddress"/>. Default false.</summary>
        public bool Dhcp;

        /// <summary>Run the mDNS responder (nanotcp.local) and SNTP. Default false (the main job turns it on).</summary>
        public bool LanServices;

        /// <summary>Last chance for tests and benchmarks to adjust the firmware settings; may be null.</summary>
        public Action<FirmwareSettings> Configure;

        /// <summary>True when any fault probability is non-zero.</summary>
        public bool HasFaults => Loss > 0 || Duplicate > 0 || Reorder > 0 || Corrupt > 0;

        /// <summary>Builds the firmware settings these options describe.</summary>
        public FirmwareSettings ToFirmwareSettings()
        {
            var s = new FirmwareSettings();
            s.MacAddress = (byte[])MacAddress.Clone();
            s.IpAddress = IpAddress;
            s.SubnetMask = SubnetMask;
            s.Gateway = HostAddress;
            s.HostName = "nanotcp";
            s.Dhcp = Dhcp;
            s.DhcpFallbackMs = 0;
            s.Mdns = LanServices;
            s.Sntp = LanServices;
            if (Password != null) s.TelnetPassword = Password;
            if (ConnectionSlots > 0) s.Stack.ConnectionSlots = ConnectionSlots;
            if (ReceiveBuffer > 0) s.Stack.ReceiveBufferSize = ReceiveBuffer;
            if (SendBuffer > 0) s.Stack.SendBufferSize = SendBuffer;
            if (ServiceConnections > 0) s.ServiceConnections = ServiceConnections;
            Configure?.Invoke(s);
            return s;
        }
    }
}
