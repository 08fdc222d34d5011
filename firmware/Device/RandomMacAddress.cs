using System;
using nanoFramework.Hardware.Esp32;

namespace NanoTcp.Firmware.Device
{
    /// <summary>
    /// A locally administered unicast MAC address drawn at boot, for boards whose MAC is not set in
    /// <see cref="DeviceConfiguration.MacAddress"/>. The ENC28J60 has no MAC of its own, and none of the packages the
    /// firmware uses exposes the ESP32's factory (eFuse) MAC or any other per-chip identity (CoreLibrary 1.17.11,
    /// Hardware.Esp32 1.6.42, Runtime.Native 1.7.11, System.Device.Gpio/Spi), so the address is random instead of
    /// fixed: two boards on one LAN collide with probability about n²/2⁴⁷, but the address changes at every boot.
    /// </summary>
    public static class RandomMacAddress
    {
        /// <summary>Six bytes: 46 random bits, the I/G bit clear (unicast), the U/L bit set (locally administered,
        /// IEEE 802-2014 clause 8.2.2), so it can never clash with a vendor-assigned address.</summary>
        public static byte[] Create()
        {
            var mac = new byte[6];
            new Random().NextBytes(mac);
            // Mix in the microsecond timer: start-up time varies with the crystal and flash timing from board to board,
            // so boards whose runtime seeds Random identically still differ.
            ulong micros = HighResTimer.GetCurrent();
            mac[5] ^= (byte)micros;
            mac[4] ^= (byte)(micros >> 8);
            mac[0] = (byte)((mac[0] & 0xFC) | 0x02);
            return mac;
        }
    }
}
