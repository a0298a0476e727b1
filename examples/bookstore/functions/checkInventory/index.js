console.log('Loading function checkInventory');

exports.handler = async (event, context) => {

    var x = {ItemStock: 0};

    if (event.bookId == 343222)
      x = {ItemStock: 20};

    return x;  
};
