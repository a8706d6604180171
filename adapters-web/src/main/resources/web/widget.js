console.log("x"); var css = "__BATON_CSS__";
