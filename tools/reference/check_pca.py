"""Prints scikit-learn's PCA of the shipped iris and wine tables, the numbers
Tests/RuntimeTests/Data/PCATests.swift compares nv's PCA with.

    /work/venv-ref/bin/python tools/reference/check_pca.py

scikit-learn >= 1.5 flips each component so that its loading of largest magnitude is
positive (svd_flip on the components), the convention nv's PCA documents.
"""
import numpy as np
import sklearn
from sklearn.decomposition import PCA

np.set_printoptions(precision=8, suppress=False)
print("scikit-learn", sklearn.__version__)
for name, d in (("iris", 4), ("wine", 13)):
    rows = np.loadtxt(f"data/tabular/{'wine_data' if name == 'wine' else name}.csv", delimiter=",", skiprows=1)
    x = rows[:, :d]
    pca = PCA(n_components=2).fit(x)
    print(name, "components", pca.components_.tolist())
    print(name, "explained_variance", pca.explained_variance_.tolist())
    print(name, "explained_variance_ratio", pca.explained_variance_ratio_.tolist())
    print(name, "first rows projected", pca.transform(x)[:3].tolist())
