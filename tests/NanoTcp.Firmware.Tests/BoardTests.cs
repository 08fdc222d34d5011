using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Boards;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>Every board definition is wirable as documented and avoids the nanoFramework default-pin clashes.</summary>
    [TestClass]
    public sealed class BoardTests
    {
        // nanoFramework classic-ESP32 defaults (nanoframework/nf-interpreter: targets/ESP32/_common/ESP32_DeviceMapping.cpp): SPI1 MOSI 23 / MISO 25 / CLK 19,
        // I2C1 data 18 / clock 19, I2C2 data 25 / clock 26.
        private static readonly int[] DefaultSpi1Pins = { 23, 25, 19 };

        public static IEnumerable<object[]> Boards => BoardCatalog.All().Select(b => new object[] { b });

        [TestMethod]
        [DynamicData(nameof(Boards))]
        public void No_pin_is_used_twice_including_the_i2c_pins(BoardDefinition board)
        {
            var pins = board.EthernetPins().Where(p => p != BoardDefinition.NoPin)
                .Concat(new[] { board.I2cDataPin, board.I2cClockPin }).ToList();
            Assert.AreEqual(pins.Count, pins.Distinct().Count(), string.Join(",", pins));
        }

        [TestMethod]
        [DynamicData(nameof(Boards))]
        public void No_reserved_pin_and_no_output_on_an_input_only_pin(BoardDefinition board)
        {
            foreach (int pin in board.EthernetPins().Concat(new[] { board.I2cDataPin, board.I2cClockPin }))
            {
                if (pin == BoardDefinition.NoPin) continue;
                Assert.IsFalse(board.ReservedPins.Contains(pin), board.Name + " uses reserved GPIO " + pin);
            }
            foreach (int output in new[] { board.MosiPin, board.ClockPin, board.ChipSelectPin, board.ResetPin,
                board.I2cDataPin, board.I2cClockPin })
            {
                Assert.IsFalse(board.InputOnlyPins.Contains(output), board.Name + " drives input-only GPIO " + output);
            }
        }

        [TestMethod]
        [DynamicData(nameof(Boards))]
        public void Spi_clock_bus_and_target_are_valid(BoardDefinition board)
        {
            Assert.IsTrue(board.SpiClockHz <= BoardDefinition.MaxSpiClockHz);
            Assert.IsTrue(board.SpiClockHz >= BoardDefinition.MinSpiClockHz, "errata #1 on B1/B4 silicon");
            Assert.IsTrue(board.SpiBusId == 1 || board.SpiBusId == 2);
            CollectionAssert.Contains(new[] { "ESP32_REV0", "ESP32_PSRAM_REV0", "ESP32_REV3", "ESP32_PSRAM_REV3",
                "ESP32_S3_OCTAL", "ESP32_S3_QUAD" }, board.FirmwareTarget);
            Assert.IsTrue(board.ChipSelectPin >= 0 && board.MosiPin >= 0 && board.MisoPin >= 0 && board.ClockPin >= 0);
        }

        [TestMethod]
        [DynamicData(nameof(Boards))]
        public void Recommended_i2c_pins_are_not_taken_by_the_ethernet_module(BoardDefinition board)
        {
            CollectionAssert.DoesNotContain(board.EthernetPins(), board.I2cDataPin);
            CollectionAssert.DoesNotContain(board.EthernetPins(), board.I2cClockPin);
        }

        [TestMethod]
        public void DevKitC_uses_the_vspi_iomux_pins_on_bus_2_which_has_no_default_pins()
        {
            var b = new Esp32DevKitC();
            Assert.AreEqual(2, b.SpiBusId);
            CollectionAssert.AreEqual(new[] { 23, 19, 18, 5 }, new[] { b.MosiPin, b.MisoPin, b.ClockPin, b.ChipSelectPin });
            Assert.AreEqual(20_000_000, b.SpiClockHz, "IOMUX pins allow the ENC28J60's full 20 MHz");
        }

        [TestMethod]
        public void Doit_board_keeps_clear_of_every_nanoframework_default_pin()
        {
            var b = new Esp32DoitDevKitV1();
            int[] defaults = DefaultSpi1Pins.Concat(new[] { 18, 19, 25, 26 }).ToArray();
            foreach (int pin in b.EthernetPins()) CollectionAssert.DoesNotContain(defaults, pin);
            Assert.AreEqual(18, b.I2cDataPin, "I2C1 keeps its firmware default");
            Assert.AreEqual(19, b.I2cClockPin);
        }

        [TestMethod]
        public void Boards_have_distinct_names_and_the_s3_uses_fspi_iomux()
        {
            var all = BoardCatalog.All();
            Assert.AreEqual(all.Length, all.Select(b => b.Name).Distinct().Count());
            Assert.IsTrue(all.Length >= 3);
            var s3 = new Esp32S3DevKitC();
            CollectionAssert.AreEqual(new[] { 11, 13, 12, 10 }, new[] { s3.MosiPin, s3.MisoPin, s3.ClockPin, s3.ChipSelectPin });
        }
    }
}
