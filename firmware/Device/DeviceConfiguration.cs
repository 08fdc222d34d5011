using NanoTcp.Boards;

namespace NanoTcp.Firmware.Device
{
    /// <summary>
    /// The one place to edit before deploying: which board the ENC28J60 is wired to and the device's network
    /// settings. Everything else (pins, SPI clock, driver options) follows from these two.
    /// </summary>
    public static class DeviceConfiguration
    {
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

        /// <summary>Network and service settings, with <see cref="MacAddress"/> or a random one.</summary>
        public static FirmwareSettings CreateSettings()
        {
            var settings = new FirmwareSettings();
            settings.MacAddress = MacAddress ?? RandomMacAddress.Create();
            settings.IpAddress = Ip4.Address(192, 168, 1, 50);
            settings.SubnetMask = Ip4.Address(255, 255, 255, 0);
            settings.Gateway = Ip4.Address(192, 168, 1, 1);
            settings.TelnetPassword = "nanotcp";
            settings.TelnetSessions = 2;
            // Smaller buffers than the host defaults: 8 slots x (2 KB + 2 KB) fits the ESP32's managed heap easily.
            settings.Stack.SendBufferSize = 2048;
            settings.Stack.ReceiveBufferSize = 2048;
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
