//! What the rating fixtures cannot show: a region's value is the mean of its schools (not of
//! its municipalities' means), a municipality split between regions is an error naming the
//! row, and relative points hold their properties on any input.

use proptest::prelude::*;
use rust_decimal::Decimal;
use vsoko::methodology::Direction;
use vsoko::rating::{PointsTotal, RatingOptions, Unit, rate, relative_total};

fn unit(row: usize, school: &str, municipality: &str, region: &str, value: i64) -> Unit {
    Unit {
        row,
        school: school.into(),
        municipality: Some(municipality.into()),
        region: Some(region.into()),
        context: vec![],
        value: Decimal::from(value),
    }
}

fn options() -> RatingOptions {
    RatingOptions {
        measure: "total".into(),
        direction: Direction::More,
        relative: true,
        context: vec![],
        bands: 4,
    }
}

#[test]
fn a_region_is_the_mean_of_its_schools_and_municipalities_place_within_it() {
    // Энск: 10, 20, 30 (mean 20); Тмуск: 50 (mean 50). Schools' mean 27.5; the mean of the
    // municipalities' means would be 35.
    let units = vec![
        unit(2, "А", "Энск", "Область", 10),
        unit(3, "Б", "Энск", "Область", 20),
        unit(4, "В", "Энск", "Область", 30),
        unit(5, "Г", "Тмуск", "Область", 50),
        unit(6, "Д", "Кряжск", "Край", 40),
    ];
    let r = rate(&units, &options()).unwrap();
    let region = |name: &str| r.regions.iter().find(|g| g.region == name).unwrap();
    assert_eq!(region("Область").value.to_string(), "27.50");
    assert_eq!(region("Край").value.to_string(), "40.00");
    assert_eq!(region("Край").place, 1);
    let m = |name: &str| {
        r.municipalities
            .iter()
            .find(|m| m.municipality == name)
            .unwrap()
    };
    assert_eq!((m("Тмуск").place, m("Тмуск").place_in_region), (1, Some(1)));
    assert_eq!(
        (m("Кряжск").place, m("Кряжск").place_in_region),
        (2, Some(1))
    );
    assert_eq!((m("Энск").place, m("Энск").place_in_region), (3, Some(2)));
    assert_eq!(m("Энск").region.as_deref(), Some("Область"));
}

#[test]
fn a_municipality_in_two_regions_is_an_error_naming_the_row() {
    let units = vec![
        unit(2, "А", "Энск", "Область", 10),
        unit(7, "Б", "Энск", "Край", 20),
    ];
    let e = rate(&units, &options()).unwrap_err();
    let text = format!("{e:?}");
    assert!(text.contains("Row(7)"), "{text}");
    assert!(text.contains("Энск"), "{text}");
}

#[test]
fn a_total_over_an_indicator_nobody_scored_names_the_indicator() {
    let zero = vec![Decimal::ZERO, Decimal::ZERO];
    let e = relative_total(&[("1.3", Direction::More, zero)], PointsTotal::Sum).unwrap_err();
    assert!(format!("{e:?}").contains("показателя 1.3"), "{e:?}");
}

proptest! {
    /// The best unit gets exactly 100, every other unit 0–100, for either direction.
    #[test]
    fn relative_points_are_within_0_and_100_and_the_best_gets_100(
        values in prop::collection::vec(1i64..10_000, 1..40),
        less in any::<bool>(),
    ) {
        let direction = if less { Direction::Less } else { Direction::More };
        let units: Vec<Unit> = values
            .iter()
            .enumerate()
            .map(|(i, v)| unit(i + 2, &format!("Ш{i}"), "М", "Р", *v))
            .collect();
        let r = rate(&units, &RatingOptions { direction, ..options() }).unwrap();
        for u in &r.units {
            let p = u.points.unwrap();
            prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED);
            if u.place == 1 {
                prop_assert_eq!(p.to_string(), "100.00");
            }
        }
        // Places never go down as the list goes on and ties share a place.
        for w in r.units.windows(2) {
            prop_assert!(w[0].place <= w[1].place);
            prop_assert_eq!(w[0].place == w[1].place, w[0].value == w[1].value);
        }
    }
}
