using NanoTcp.Boards;

namespace NanoTcp.Firmware.Device
{
    /// <summary>
    /// The one place to edit before deploying: which board the ENC28J60 is wired to, the device's network
    /// settings and which memory profile to run. Everything else (pins, SPI clock, driver options) follows.
    /// </summary>
    /// <remarks>
    /// Memory. The managed heap of an ESP32 without PSRAM is about 79 KB on the ESP32_REV0 image and 49 KB on an
    /// image with Bluetooth LE (nanoFramework measured both with <c>GC.Run</c>, nf-interpreter PR #2168); PSRAM images
    /// have megabytes. On nanoCLR every object field is a 12-byte heap block and an array costs its elements plus
    /// 20 bytes, so buffers and per-connection state decide what fits. What the firmware keeps after start-up, its
    /// three assemblies included, is estimated on the host by tests/Benchmarks/NanoTcp.IlMeter (heap.* lines)
    /// and guarded by the firmware's MemoryBudgetTests:
    /// <list type="bullet">
    /// <item>standard profile (<see cref="CreateStandardSettings"/>): ≤ 40 KB, so ESP32_REV0 (79 KB) keeps ≥ 30 KB for
    /// the user's application. DHCP, mDNS (nanotcp.local), DNS and SNTP (about 4 KB together), 3 connection slots of
    /// 1 KB + 1 KB, 1 telnet session, echo and discard with one connection each (a connection beyond the free slots is
    /// refused). The LAN services displaced the second telnet session and chargen (issue 13).</item>
    /// <item>small profile (<see cref="CreateSmallSettings"/>, <see cref="SmallProfile"/> = true): ≤ 34 KB, for an
    /// image with BLE (49 KB), keeping ≥ 15 KB for the application: the LAN services, 1 slot, 1 telnet session, no
    /// echo or discard.</item>
    /// <item>PSRAM images (ESP32_PSRAM_REV0/REV3, ESP32-S3 with PSRAM): raise slots and buffers freely, e.g. 8 slots of
    /// 4 KB + 4 KB.</item>
    /// </list>
    /// </remarks>
    public static class DeviceConfiguration
    {
        /// <summary>
        /// True to run the small profile: set it on an image with Bluetooth LE (49 KB heap) or when the application
        /// needs more than 30 KB beside the firmware.
        /// </summary>
        public static readonly bool SmallProfile = false;

        /// <summary>The board in use. Pick one of <see cref="BoardCatalog.All"/> (see boards/README.md for the wiring).</summary>
        public static BoardDefinition SelectBoard()
        {
            return new Esp32DevKitC();
        }

        /// <summary>
        /// This board's Ethernet address, or null to draw a locally administered one at every boot
        /// (<see cref="RandomMacAddress"/>). Set a fixed one when the LAN should see the same address after a reboot,
        /// e.g. <c>{ 0x02, 0x4E, 0x54, 0x00, 0x00, 0x07 }</c>: first byte with bit 1 set and bit 0 clear (locally
        /// administered unicast), a different address on every board.
        /// </summary>
        public static readonly byte[] MacAddress = null;

        /// <summary>The settings the device runs: the small or the standard profile (see <see cref="SmallProfile"/>).</summary>
        public static FirmwareSettings CreateSettings()
        {
            return SmallProfile ? CreateSmallSettings() : CreateStandardSettings();
        }

        /// <summary>
        /// Network and service settings of the standard profile (fits ESP32_REV0 with ≥ 30 KB to spare). Program.cs
        /// then sets the MAC: <see cref="MacAddress"/>, or a random locally administered one.
        /// </summary>
        public static FirmwareSettings CreateStandardSettings()
        {
            var settings = new FirmwareSettings();
            settings.IpAddress = Ip4.Address(192, 168, 1, 50);
            settings.SubnetMask = Ip4.Address(255, 255, 255, 0);
            settings.Gateway = Ip4.Address(192, 168, 1, 1);
            settings.TelnetPassword = "nanotcp";
            settings.TelnetSessions = 1;
            settings.SessionOutputBufferSize = 512;
            settings.ServiceConnections = 1;
            // Each slot costs its two buffers (one array: + 28 B) plus ≈ 290 B of bookkeeping (IL meter:
            // heap.per_slot_bookkeeping). 1 KB windows match what the
            // interpreter can process (a few hundred segments per second at most).
            settings.Stack.ConnectionSlots = 3;
            settings.Stack.SendBufferSize = 1024;
            settings.Stack.ReceiveBufferSize = 1024;
            // A 1 KB window holds at most two out-of-order pieces; a small LAN needs few neighbours.
            settings.Stack.OutOfOrderRanges = 2;
            settings.Stack.ArpEntries = 4;
            // LAN services (DHCP, DNS, mDNS, SNTP) cost about 4 KB; the firmware opens no UDP socket of its own, so
            // none is reserved for the application (each costs its 1 KB queue: raise Stack.Lan.UdpSockets to use
            // UDP), and two cached names suffice for a device that talks to few hosts.
            settings.Stack.Lan.UdpSockets = 0;
            settings.Stack.Lan.DnsCacheEntries = 2;
            // With them the second telnet session and chargen no longer fit the 40 KB budget.
            settings.ChargenEnabled = false;
            // The web status page (firmware/Http) renders a whole page per worker into its own buffer (~8 KB each):
            // more than ESP32_REV0 can spare. Enable it on a PSRAM image, or with HttpWorkers = 1 when the
            // application needs less than the 30 KB left.
            settings.HttpEnabled = false;
            return settings;
        }

        /// <summary>The small profile: the standard one cut to 1 slot for the telnet session, no echo or discard (fits 49 KB).</summary>
        public static FirmwareSettings CreateSmallSettings()
        {
            FirmwareSettings settings = CreateStandardSettings();
            settings.EchoEnabled = false;
            settings.DiscardEnabled = false;
            settings.Stack.ConnectionSlots = 1;
            return settings;
        }

        /// <summary>
        /// Duplex the ENC28J60 PHY is forced to. The ENC28J60 cannot auto-negotiate, so an auto-negotiating switch
        /// port falls back to 10 Mb/s half duplex by parallel detection (IEEE 802.3 clause 28.2.3.1); forcing full
        /// duplex then gives a duplex mismatch (late collisions, lost frames). Set true only when the switch port
        /// is forced to 10 Mb/s full duplex too.
        /// </summary>
        public static readonly bool FullDuplex = false;
    }
}
