use crate::{assert_close, table};
use chainfair_chains::io::{IoError, StageThresholds, UpstreamnessModel};
use chainfair_core::Stage;
use proptest::prelude::*;

/// Sector 1 sells to 1 and 2, sector 2 to 1 and 3, sector 3 to itself; all
/// produce 100; sector 1 exports half of its output.
fn three() -> chainfair_chains::io::IoTable {
    table(
        &[&[10.0, 20.0, 0.0], &[5.0, 0.0, 30.0], &[0.0, 0.0, 10.0]],
        &[100.0, 100.0, 100.0],
        &[50.0],
    )
}

#[test]
fn upstreamness_open_and_closed_follow_their_formulas() {
    let t = three();
    // Closed: U3 = 1/(1 - 0.1); U2 = 1 + 0.05 U1 + 0.3 U3; U1 = 1 + 0.1 U1 + 0.2 U2.
    let u3: f64 = 1.0 / 0.9;
    let u1 = (1.0 + 0.2 * (1.0 + 0.3 * u3)) / (1.0 - 0.1 - 0.2 * 0.05);
    let closed = [u1, 1.0 + 0.05 * u1 + 0.3 * u3, u3];
    assert_close(
        &t.upstreamness(UpstreamnessModel::Closed).unwrap(),
        &closed,
        1e-12,
        "closed",
    );
    // Open: sector 1's absorption is 100 - 50 = 50, doubling its Δ row.
    let u1 = (1.0 + 0.4 * (1.0 + 0.3 * u3)) / (1.0 - 0.2 - 0.4 * 0.05);
    let open = [u1, 1.0 + 0.05 * u1 + 0.3 * u3, u3];
    assert_close(
        &t.upstreamness(UpstreamnessModel::Open).unwrap(),
        &open,
        1e-12,
        "open",
    );
    assert!(open[0] > closed[0] && open[1] > closed[1] && open[2] == closed[2]);
}

#[test]
fn leontief_multipliers_ghosh_and_extraction_agree() {
    let t = three();
    let l = t.leontief_inverse().unwrap();
    let column_sums: Vec<f64> = (0..3).map(|j| (0..3).map(|i| l[i * 3 + j]).sum()).collect();
    assert_close(
        &t.output_multipliers().unwrap(),
        &column_sums,
        1e-12,
        "multipliers",
    );
    assert_close(
        &t.downstreamness().unwrap(),
        &column_sums,
        1e-12,
        "downstreamness",
    );
    // L f = x.
    let f = t.final_demand();
    let x: Vec<f64> = (0..3)
        .map(|i| (0..3).map(|j| l[i * 3 + j] * f[j]).sum())
        .collect();
    assert_close(&x, &[100.0, 100.0, 100.0], 1e-12, "L f");
    // v' G = x'.
    let g = t.ghosh_inverse().unwrap();
    let v = t.value_added();
    let x: Vec<f64> = (0..3)
        .map(|j| (0..3).map(|i| v[i] * g[i * 3 + j]).sum())
        .collect();
    assert_close(&x, &[100.0, 100.0, 100.0], 1e-12, "v G");

    // Extracting sector 3 (sold to itself only, buys from 2): backward, the
    // rest keeps its final demand: 1 and 2 solve with A on {1, 2}.
    let e = t.extract("s3").unwrap();
    let (a11, a12, a21) = (0.1, 0.2, 0.05);
    let (f1, f2) = (70.0, 65.0);
    let x1 = (f1 + a12 * f2 / 1.0) / ((1.0 - a11) - a12 * a21);
    let x2 = f2 + a21 * x1;
    assert!((e.backward_loss - (300.0 - x1 - x2)).abs() < 1e-9, "{e:?}");
    // Forward, value added stays: x = v + B*' x on {1, 2} gives 100 and 100
    // (v = 85, 80; B* = [[0.1, 0.2], [0.05, 0]]), so the loss is s3's 100.
    assert!((e.forward_loss - 100.0).abs() < 1e-9, "{e:?}");
    assert!((e.backward_share - e.backward_loss / 300.0).abs() < 1e-15);
    assert!(matches!(t.extract("s9"), Err(IoError::UnknownSector(_))));
}

#[test]
fn non_productive_and_zero_output_tables_name_their_sectors() {
    let t = table(&[&[90.0, 50.0], &[40.0, 20.0]], &[100.0, 100.0], &[]);
    match t.upstreamness(UpstreamnessModel::Closed) {
        Err(IoError::NonProductive { sectors }) => assert_eq!(sectors, ["s1"]),
        other => panic!("{other:?}"),
    }
    // Open economy: s1 exports all it makes, leaving nothing to divide by.
    let t = table(&[&[10.0, 5.0], &[3.0, 0.0]], &[100.0, 50.0], &[100.0]);
    match t.upstreamness(UpstreamnessModel::Open) {
        Err(IoError::NoAbsorption { sectors }) => assert_eq!(sectors, ["s1"]),
        other => panic!("{other:?}"),
    }
    let t = table(&[&[10.0, 5.0], &[3.0, 0.0]], &[100.0, 0.0], &[]);
    match t.output_multipliers() {
        Err(IoError::ZeroOutputWithUse { sectors }) => assert_eq!(sectors, ["s2"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn terciles_put_a_third_of_the_sectors_at_each_stage() {
    let zero: &[f64] = &[0.0; 6];
    let t = table(&[zero; 6], &[1.0; 6], &[]);
    let u = [3.0, 1.0, 2.5, 1.2, 2.0, 1.5];
    let stages: Vec<Stage> = t
        .classify(&u, StageThresholds::TERCILES)
        .into_iter()
        .map(|c| c.stage)
        .collect();
    use Stage::*;
    assert_eq!(
        stages,
        [
            Upstream, Downstream, Upstream, Downstream, Midstream, Midstream
        ]
    );
    let fixed = t.classify(
        &u,
        StageThresholds::Values {
            low: 1.1,
            high: 2.9,
        },
    );
    assert_eq!(fixed.iter().filter(|c| c.stage == Midstream).count(), 4);
}

proptest! {
    #[test]
    fn measures_keep_their_bounds(flows in prop::collection::vec(0.0f64..30.0, 16), extra in prop::collection::vec(1.0f64..100.0, 4)) {
        // Output exceeds every row's and column's sales: a productive table.
        let x: Vec<f64> = (0..4).map(|i| {
            let row: f64 = flows[i * 4..i * 4 + 4].iter().sum();
            let column: f64 = (0..4).map(|k| flows[k * 4 + i]).sum();
            row.max(column) + extra[i]
        }).collect();
        let rows: Vec<&[f64]> = flows.chunks(4).collect();
        let t = table(&rows, &x, &[]);
        for u in t.upstreamness(UpstreamnessModel::Closed).unwrap() {
            prop_assert!(u >= 1.0 - 1e-12);
        }
        for m in t.output_multipliers().unwrap() {
            prop_assert!(m >= 1.0 - 1e-12);
        }
        let e = t.extract("s2").unwrap();
        prop_assert!(e.backward_loss >= -1e-9 && e.forward_loss >= -1e-9);
    }
}
